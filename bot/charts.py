"""PNG charts for the weekspiegel and the signalenrapport, drawn with matplotlib (Agg).

matplotlib is imported only inside the drawing functions, so the bot's start-up and memory pay
for it only once a chart is drawn. Every chart is 720 pixels wide, the width Slack fills on a
phone, with text at least 3% of that width (22 px), on an opaque white card with a grey edge:
the same picture reads in Slack's light and dark themes and on paper. Colours are the
Okabe-Ito palette (distinguishable with colour blindness); lines also differ in marker and
dash, so the chart survives a black-and-white print.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from bot.rapport import HANDLING, HANDLING_LABELS, Rapport
from bot.weekspiegel import Weekspiegel

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 100
WIDTH = 720
LINE_HEIGHT = 600  # line charts: weekspiegel and rapport trends
BARS_HEIGHT = 900  # the stacked bars per leefgebied
FONT_SIZE = 16  # points at DPI 100: 22 px
TEXT = "#1d1c1d"
MUTED = "#616061"
GRID = "#dddddd"
BACKGROUND = "#ffffff"
EDGE = "#c8c8c8"
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
DASHES = ("-", "--", "-.", ":", "-", "--", "-.")
STACK_COLOURS = ("#009E73", "#56B4E9", "#E69F00", "#bbbbbb")
LABEL_LENGTH = 52


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its file name, title, a text alternative and the PNG bytes."""

    filename: str
    title: str
    alt: str
    png: bytes


def _short(label: str, length: int = LABEL_LENGTH) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def _figure(height: int) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(
        figsize=(WIDTH / DPI, height / DPI),
        dpi=DPI,
        facecolor=BACKGROUND,
        edgecolor=EDGE,
        linewidth=2,
        layout="constrained",
    )
    return figure


def _style(axes: Any) -> None:
    axes.set_facecolor(BACKGROUND)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(MUTED)
    axes.tick_params(colors=TEXT, labelsize=FONT_SIZE - 2)
    axes.grid(axis="y", color=GRID, linewidth=1)
    axes.set_axisbelow(True)


def _png(figure: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def line_chart(
    *,
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    y_label: str,
    percent: bool = False,
    note: str = "",
) -> bytes:
    """Lines over time, one per series; None values are gaps; legend below the lines."""
    figure = _figure(LINE_HEIGHT)
    axes = figure.add_subplot()
    _style(axes)
    positions = list(range(len(x_labels)))
    top = 1.0
    for index, (label, values) in enumerate(series[: len(PALETTE)]):
        points = [math.nan if value is None else float(value) for value in values]
        top = max([top, *(p for p in points if not math.isnan(p))])
        axes.plot(
            positions,
            points,
            label=_short(label),
            color=PALETTE[index],
            marker=MARKERS[index],
            linestyle=DASHES[index],
            linewidth=3,
            markersize=9,
        )
    axes.set_xticks(positions, list(x_labels))
    axes.set_ylim(0, 100 if percent else max(2.0, math.ceil(top * 1.15)))
    if not percent:
        from matplotlib.ticker import MaxNLocator

        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(y_label, fontsize=FONT_SIZE - 2, color=TEXT)
    figure.suptitle(title, fontsize=FONT_SIZE + 3, color=TEXT, fontweight="bold")
    if series:
        figure.legend(loc="outside lower center", ncols=1, frameon=False,
                      fontsize=FONT_SIZE - 1, labelcolor=TEXT)  # fmt: skip
    if note:
        axes.set_title(note, fontsize=FONT_SIZE - 3, color=MUTED, loc="left")
    return _png(figure)


def stacked_bars(
    *,
    title: str,
    categories: Sequence[str],
    parts: Sequence[str],
    percents: Sequence[Sequence[float]],
    note: str = "",
) -> bytes:
    """Horizontal 100% bars, one per category, its label above it (room for long names)."""
    figure = _figure(BARS_HEIGHT)
    axes = figure.add_subplot()
    _style(axes)
    axes.grid(False)
    rows = list(range(len(categories)))[::-1]
    for row, name, values in zip(rows, categories, percents, strict=True):
        left = 0.0
        for part, value in enumerate(values):
            axes.barh(row, value, left=left, height=0.5, color=STACK_COLOURS[part],
                      label=parts[part] if row == rows[0] else None)  # fmt: skip
            if value >= 12:
                axes.text(left + value / 2, row, f"{value:.0f}%", ha="center", va="center",
                          fontsize=FONT_SIZE - 3, color=TEXT)  # fmt: skip
            left += value
        axes.text(0, row + 0.33, _short(name, 48), ha="left", va="bottom",
                  fontsize=FONT_SIZE - 2, color=TEXT)  # fmt: skip
    axes.set_xlim(0, 100)
    axes.set_ylim(-0.6, len(categories) - 0.2)
    axes.set_yticks([])
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    axes.spines["left"].set_visible(False)
    figure.suptitle(title, fontsize=FONT_SIZE + 3, color=TEXT, fontweight="bold")
    figure.legend(loc="outside lower center", ncols=2, frameon=False,
                  fontsize=FONT_SIZE - 1, labelcolor=TEXT)  # fmt: skip
    if note:
        axes.set_title(note, fontsize=FONT_SIZE - 3, color=MUTED, loc="left")
    return _png(figure)


def describe_series(series: Sequence[tuple[str, Sequence[float | None]]], x_labels: Sequence[str],
                    unit: str = "") -> str:  # fmt: skip
    """A text alternative for a line chart: every value, by series."""
    lines = []
    for label, values in series:
        shown = ", ".join(
            f"{x} {'–' if value is None else f'{value:g}{unit}'}"
            for x, value in zip(x_labels, values, strict=True)
        )
        lines.append(f"{label}: {shown}")
    return "; ".join(lines)


# -- the charts the bot sends ------------------------------------------------------------------


def weekspiegel_chart(ws: Weekspiegel) -> Chart | None:
    """The recurring knelpunten over eight weeks, or None when nothing recurs."""
    if not ws.recurring:
        return None
    count = len(ws.recurring[0].weekly)
    weeks = [ws.week.shifted(n - count + 1) for n in range(count)]
    x_labels = [f"wk {week.week}" for week in weeks]
    series = [
        (f"{trend.label} ({trend.trend})", [float(n) for n in trend.weekly])
        for trend in ws.recurring
    ]
    title = "Terugkerende knelpunten, 8 weken"
    png = line_chart(title=title, x_labels=x_labels, series=series,
                     y_label="keer genoemd per week", note=ws.team_name)  # fmt: skip
    alt = (
        f"Lijngrafiek: hoe vaak elk terugkerend knelpunt van {ws.team_name} per week genoemd "
        f"werd, week {weeks[0].week} tot en met {weeks[-1].week}. "
        + describe_series(series, x_labels, "×")
    )
    return Chart(f"weekspiegel-{ws.week}.png", title, alt, png)


def knelpunten_chart(rapport: Rapport) -> Chart | None:
    """How many teams each cross-team knelpunt recurred in, month by month."""
    if not rapport.recurring:
        return None
    x_labels = [m.short().split()[0] for m in rapport.months]
    series = [
        (f"{k.label} ({k.trend})", [None if n is None else float(n) for n in k.teams])
        for k in rapport.recurring
    ]
    title = "Knelpunten in meerdere teams"
    note = f"aantal teams per maand, {rapport.months[0].short()} – {rapport.month.short()}"
    png = line_chart(title=title, x_labels=x_labels, series=series[:5], y_label="teams",
                     note=note)  # fmt: skip
    alt = (
        "Lijngrafiek: in hoeveel teams elk knelpunt terugkwam, per maand "
        "(– is minder dan 3 teams). " + describe_series(series[:5], x_labels, " teams")
    )
    return Chart(f"knelpunten-{rapport.month}.png", title, alt, png)


def domains_chart(rapport: Rapport) -> Chart | None:
    """Per leefgebied: zelf, samen, doorverwezen, open, as stacked 100% bars."""
    if not rapport.domains:
        return None
    parts = [HANDLING_LABELS[key] for key in HANDLING]
    rows = rapport.domains[:13]
    title = "Zelf, samen of doorverwijzen"
    png = stacked_bars(title=title, categories=[r.label for r in rows], parts=parts,
                       percents=[[100 * n / r.split.cases for n in r.split.counts()]
                                 for r in rows],
                       note=f"per leefgebied (ZRM), {rapport.month.label()}")  # fmt: skip
    alt = "Gestapelde staven per leefgebied: " + "; ".join(
        f"{r.label} ({r.split.cases} casussen): "
        + ", ".join(f"{p} {v}%" for p, v in zip(parts, r.split.percents(), strict=True))
        for r in rows
    )
    return Chart(f"leefgebieden-{rapport.month}.png", title, alt, png)


def intake_chart(rapport: Rapport) -> Chart | None:
    """How cases came in, month by month: pro-actief against hulpvraag and melding."""
    shown = [m for m in rapport.intake if m.counts is not None]
    if not shown:
        return None
    x_labels = [m.month.short().split()[0] for m in rapport.intake]
    percents = [m.percents() for m in rapport.intake]
    series = [
        (label, [None if p is None else float(p[index]) for p in percents])
        for index, label in enumerate(("pro-actief uit de wijk", "hulpvraag", "melding"))
    ]
    title = "Reactief of pro-actief"
    png = line_chart(title=title, x_labels=x_labels, series=series, y_label="% van de casussen",
                     percent=True, note="hoe casussen binnenkwamen, per maand")  # fmt: skip
    alt = "Lijngrafiek, procent van de casussen per maand (– is te weinig teams of casussen). " + (
        describe_series(series, x_labels, "%")
    )
    return Chart(f"binnenkomst-{rapport.month}.png", title, alt, png)


def rapport_charts(rapport: Rapport) -> list[Chart]:
    """Every chart the rapport has data for."""
    drawn = (knelpunten_chart(rapport), domains_chart(rapport), intake_chart(rapport))
    return [chart for chart in drawn if chart is not None]
