"""The rapport's figures as tables: one table per CSV file and behind every chart in the HTML.

A hidden figure (below a floor) is an empty cell; the HTML shows it as a dash.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.rapport import HANDLING, HANDLING_LABELS, Rapport


@dataclass(frozen=True)
class Table:
    """A named table: the CSV file's stem, a caption, headers and rows of cell texts."""

    name: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


SIGNAL_HEADERS = (
    "knelpunt", "team", "datum", "weken genoemd (van 8)", "keer genoemd", "mensen", "casussen",
    "toelichting",
)  # fmt: skip


def signals_table(rapport: Rapport) -> Table:
    """Every signal of the month, by knelpunt and team."""
    rows = tuple(
        (
            group.label,
            item.team_name,
            item.day.isoformat(),
            str(item.weeks_raised),
            _cell(item.mentions),
            _cell(item.people),
            _cell(item.cases),
            item.note,
        )
        for group in rapport.signals
        for item in group.items
    )
    return Table(
        "signalen",
        f"Signalen van teamleiders, {rapport.month.label()}",
        (
            "knelpunt",
            "team",
            "datum",
            "weken genoemd (van 8)",
            "keer genoemd",
            "mensen",
            "casussen",
            "toelichting",
        ),
        rows,
    )


def knelpunten_table(rapport: Rapport) -> Table:
    """Knelpunten recurring across teams: teams per month."""
    rows = tuple(
        (k.label, *(_cell(n) for n in k.teams), str(k.mentions), k.trend) for k in rapport.recurring
    )
    return Table(
        "knelpunten",
        "Knelpunten in meerdere teams: in hoeveel teams ze terugkwamen, per maand",
        ("knelpunt", *(f"teams {m}" for m in rapport.months), "keer genoemd (maand)", "trend"),
        rows,
    )


def domains_table(rapport: Rapport) -> Table:
    """Per leefgebied: handled by the team, together, referred, open; referrals per line."""
    rows = tuple(
        (
            row.label,
            str(row.split.cases),
            *(str(p) for p in row.split.percents()),
            *(str(n) for n in row.lines),
            row.top_reason or "",
        )
        for row in rapport.domains
    )
    return Table(
        "leefgebieden",
        f"Zelf, samen of doorverwijzen per leefgebied, {rapport.month.label()}",
        ("leefgebied", "casussen", *(f"{HANDLING_LABELS[key]} (%)" for key in HANDLING),
         *(f"naar {label.split(' (')[0]}" for label in rapport.line_labels), "vaakste reden"),
        rows,
    )  # fmt: skip


def lines_table(rapport: Rapport) -> Table:
    """Referrals per care line."""
    rows = tuple(
        (label, "" if choice is None else str(choice.count))
        for label, choice in zip(rapport.line_labels, rapport.lines, strict=True)
    )
    return Table("lijnen", "Doorverwijzingen per lijn", ("lijn", "doorverwijzingen"), rows)


def destinations_table(rapport: Rapport) -> Table:
    """Referral destinations."""
    rows = tuple((c.label, str(c.count)) for c in rapport.destinations)
    return Table("bestemmingen", "Waarheen doorverwezen", ("bestemming", "aantal"), rows)


def reasons_table(rapport: Rapport) -> Table:
    """Reasons for referring."""
    rows = tuple((c.label, str(c.count)) for c in rapport.reasons)
    return Table("redenen", "Waarom doorverwezen", ("reden", "aantal"), rows)


def intake_table(rapport: Rapport) -> Table:
    """How cases came in, month by month."""
    rows = []
    for month in rapport.intake:
        percents = month.percents()
        rows.append(
            (
                str(month.month),
                _cell(month.cases),
                *(("",) * 4 if percents is None else tuple(str(p) for p in percents)),
            )
        )
    return Table(
        "binnenkomst",
        "Hoe casussen binnenkwamen, per maand",
        ("maand", "casussen", "pro-actief (%)", "hulpvraag (%)", "melding (%)", "anders (%)"),
        tuple(rows),
    )


def teams_table(rapport: Rapport) -> Table:
    """Each opted-in team's own figures."""
    rows = []
    for team in rapport.teams:
        percents = ("",) * 4 if team.split is None else tuple(str(p) for p in team.split.percents())
        rows.append((team.name, _cell(team.cases), _cell(team.proactive_percent), *percents))
    return Table(
        "teams",
        f"Per team, {rapport.month.label()}",
        ("team", "casussen", "pro-actief (%)", *(f"{HANDLING_LABELS[k]} (%)" for k in HANDLING)),
        tuple(rows),
    )


def rapport_tables(rapport: Rapport) -> list[Table]:
    """Every table of the rapport, in the order of the HTML page."""
    return [
        signals_table(rapport),
        knelpunten_table(rapport),
        domains_table(rapport),
        lines_table(rapport),
        destinations_table(rapport),
        reasons_table(rapport),
        intake_table(rapport),
        teams_table(rapport),
    ]
