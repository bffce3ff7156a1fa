"""Charts: valid PNGs of the stated size, and no plotting library until one is drawn."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.charts import BARS_HEIGHT, LINE_HEIGHT, WIDTH, rapport_charts, weekspiegel_chart
from bot.rapport import Floors, Month, build_rapport
from bot.weekspiegel import IsoWeek, KnelpuntTrend, Participation, Weekspiegel
from prompts.casus_form import load_case_form
from prompts.lijnen import load_lines
from storage.rapport import ChoiceRow, TeamMention

AMS = ZoneInfo("Europe/Amsterdam")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, after checking its signature and every chunk's CRC."""
    assert data[:8] == PNG_SIGNATURE
    position, kinds = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        kinds.append(kind)
        position += 12 + length
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def a_weekspiegel() -> Weekspiegel:
    trends = tuple(
        KnelpuntTrend(
            f"k{n}",
            f"Knelpunt nummer {n} met een lange naam",
            3,
            ("casus",),
            (n, 2, 3, 1, 0, 4, 5, 3),
            3,
            5,
            "stijgend",
        )
        for n in range(5)
    )
    return Weekspiegel(1, "Wijkteam Noord", IsoWeek(2026, 47), 3,
                       Participation(1, 10, 5, 3, 6), recurring=trends)  # fmt: skip


def test_the_weekspiegel_chart_is_a_png_of_720_by_600_with_a_text_alternative() -> None:
    chart = weekspiegel_chart(a_weekspiegel())
    assert chart is not None
    assert png_size(chart.png) == (WIDTH, LINE_HEIGHT) == (720, 600)
    assert chart.filename == "weekspiegel-2026-W47.png"
    assert "week 40 tot en met 47" in chart.alt and "wk 47 3×" in chart.alt


def test_a_week_without_recurring_knelpunten_gets_no_chart() -> None:
    quiet = Weekspiegel(1, "Wijkteam Noord", IsoWeek(2026, 47), 3, Participation(1, 0, 0, 0, None))
    assert weekspiegel_chart(quiet) is None


def test_the_rapport_charts_are_pngs_of_their_stated_sizes() -> None:
    form = load_case_form()
    month = Month(2026, 11)
    cases, mentions = [], []
    for team in (1, 2, 3):
        for m in range(6):
            start = month.shifted(m - 5).bounds(AMS)[0]
            for i in range(6):
                cases.append(ChoiceRow(team, start.replace(day=2 + i), "financien,huisvesting",
                                       ("proactief", "hulpvraag")[i % 2],
                                       ("zelf", "consult", "doorverwezen")[i % 3], "ggz",
                                       "wachtlijst"))  # fmt: skip
                mentions.append(TeamMention(team, "wachtlijsten-tweede-lijn",
                                            start.replace(day=1 + 7 * (i % 3))))  # fmt: skip
    rapport = build_rapport(
        month, signals=[], sharing=[(1, "A"), (2, "B"), (3, "C")], cases=cases,
        mentions=mentions, labels={"wachtlijsten-tweede-lijn": "Wachtlijsten"}, form=form,
        lines=load_lines(form.destinations), floors=Floors(3), timezone=AMS,
        partial_until=datetime(2026, 12, 1, tzinfo=UTC),
    )  # fmt: skip
    charts = {chart.filename: chart for chart in rapport_charts(rapport)}
    assert set(charts) == {"knelpunten-2026-11.png", "leefgebieden-2026-11.png",
                           "binnenkomst-2026-11.png"}  # fmt: skip
    assert png_size(charts["knelpunten-2026-11.png"].png) == (720, 600)
    assert png_size(charts["binnenkomst-2026-11.png"].png) == (720, 600)
    assert png_size(charts["leefgebieden-2026-11.png"].png) == (WIDTH, BARS_HEIGHT) == (720, 900)
    assert "Financiën (18 casussen)" in charts["leefgebieden-2026-11.png"].alt


def test_starting_the_bot_does_not_load_the_plotting_library() -> None:
    code = (
        "import sys, bot.cli.main, bot.app, bot.digest, bot.rapport_sender, "
        "bot.listeners.actions.gemeente; print('matplotlib' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)  # fmt: skip
    assert result.stdout.strip() == "False"
