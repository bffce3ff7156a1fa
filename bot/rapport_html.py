"""The signalenrapport as one self-contained, accessible Dutch HTML page, and as CSV files.

The page needs nothing but itself: styles inline, charts embedded as data: URIs, a table behind
every chart, headings in order, alt texts, and a print style so a browser prints it to PDF for
the council. The CSV files hold the same tables, cell for cell.
"""

from __future__ import annotations

import base64
import csv
from collections.abc import Sequence
from html import escape
from pathlib import Path

from bot.charts import Chart
from bot.rapport import Rapport
from bot.rapport_tables import Table, rapport_tables
from bot.views.rapport import Part, footer, parts, period, plain_text, signal_line, title

HIDDEN = "–"
WHY = (
    "Waarom zo? Het onderzoek achter Reflectiebot (Hogeschool Utrecht, 2014–2015) zegt twee "
    "dingen die tegen elkaar in werken. Gemeenten willen leren van hun wijkteams, maar doen dat "
    "in de praktijk nauwelijks (Rekenkamer Zaanstad, §5.1); en waar beleid en uitvoering door "
    "elkaar gaan lopen, verliezen professionals het vertrouwen van hun cliënten (§5.4). Een "
    "gemeente moet bovendien kiezen hoe breed, hoe diep en hoe geïntegreerd een wijkteam werkt "
    "(‘Integrale wijkteams: een kwestie van kiezen’), en heeft daar weinig bewijs voor. "
    "Teamleiders zijn de tussenpersonen tussen beleid en werkvloer (§6). Daarom bepalen de teams "
    "wat de gemeente ziet: een teamleider stuurt een signaal, of zet het delen van "
    "maandcijfers aan. De gemeente krijgt patronen — wat terugkomt, wat het team zelf doet en "
    "waarheen het verwijst, en waarom — nooit een citaat of een persoon."
)
STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1d1c1d;
  background: #fff; line-height: 1.5; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 2px solid #ddd; }
h3 { font-size: 1.1rem; margin-bottom: .3rem; }
.period { color: #555; margin-top: 0; }
figure { margin: 1.2rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { font-size: .9rem; color: #555; }
table { border-collapse: collapse; margin: .8rem 0 1.4rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.getal { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #f2f2f2; }
.verborgen { color: #666; text-align: center; }
.note { color: #555; font-size: .9rem; }
@media print {
  @page { size: A4; margin: 16mm; }
  main { max-width: none; padding: 0; }
  figure, table, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""


def _cell(text: str, *, first: bool) -> str:
    if not text:
        return f'<td class="verborgen" title="onder de drempel">{HIDDEN}</td>'
    if first:
        return f'<th scope="row">{escape(text)}</th>'
    numeric = text.replace("-", "").isdigit()
    return f'<td class="getal">{escape(text)}</td>' if numeric else f"<td>{escape(text)}</td>"


def table_html(table: Table) -> str:
    """A table with a caption and column headers; empty cells show a dash."""
    if not table.rows:
        return f'<p class="note" id="t-{table.name}">{escape(table.caption)}: niets te tonen.</p>'
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.headers)
    body = "".join(
        "<tr>" + "".join(_cell(c, first=i == 0) for i, c in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    return (
        f'<table id="t-{table.name}"><caption>{escape(table.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def figure_html(chart: Chart, table: Table) -> str:
    """A chart as an embedded PNG with its alt text, pointing at the table behind it."""
    data = base64.b64encode(chart.png).decode("ascii")
    return (
        f'<figure aria-describedby="t-{table.name}">'
        f'<img src="data:image/png;base64,{data}" alt="{escape(chart.alt)}" width="720">'
        f"<figcaption>{escape(chart.title)}. De cijfers staan in de tabel eronder.</figcaption>"
        "</figure>"
    )


def _paragraphs(part: Part) -> str:
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in plain_text(p).splitlines()) + "</p>"
        for p in part.paragraphs
    )


def render_html(rapport: Rapport, charts: Sequence[Chart]) -> str:
    """The whole rapport as one HTML document."""
    tables = {table.name: table for table in rapport_tables(rapport)}
    by_name = {chart.filename.split("-")[0]: chart for chart in charts}
    signals, recurring, domains, intake, teams = parts(rapport)
    html = [
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title(rapport))}</title><style>{STYLE}</style></head><body><main>",
        f"<h1>{escape(title(rapport))}</h1>",
        f'<p class="period">{escape(plain_text(period(rapport)))}</p>',
        f"<section><h2>{escape(signals.heading)}</h2>",
    ]
    if not rapport.signals:
        html.append(_paragraphs(signals))
    for group in rapport.signals:
        items = "".join(
            "<li>"
            + "<br>".join(
                escape(line.strip(" •"))
                for line in plain_text(signal_line(item, rapport)).split("\n")
            )
            + "</li>"
            for item in group.items
        )
        html.append(f"<h3>{escape(group.label)}</h3><ul>{items}</ul>")
    html.append(table_html(tables["signalen"]) + "</section>")
    sections = (
        (recurring, "knelpunten", ("knelpunten",)),
        (domains, "leefgebieden", ("leefgebieden", "lijnen", "bestemmingen", "redenen")),
        (intake, "binnenkomst", ("binnenkomst",)),
        (teams, None, ("teams",)),
    )
    for part, chart_name, table_names in sections:
        html.append(f"<section><h2>{escape(part.heading)}</h2>{_paragraphs(part)}")
        chart = by_name.get(chart_name or "")
        if chart is not None:
            html.append(figure_html(chart, tables[table_names[0]]))
        if rapport.cross_team or part is teams:
            html += [table_html(tables[name]) for name in table_names]
        html.append("</section>")
    html += [
        "<footer><h2>Hoe dit rapport gemaakt is</h2>",
        f"<p>{escape(plain_text(footer(rapport)))}</p>",
        f"<p>{escape(WHY)}</p>",
        '<p class="note">Gemaakt door Reflectiebot. Een leeg vakje (–) is een cijfer onder de '
        "drempel.</p></footer></main></body></html>",
    ]
    return "\n".join(html) + "\n"


def write_csv(rapport: Rapport, folder: Path) -> list[Path]:
    """One CSV file per table (UTF-8, comma-separated, a header row); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in rapport_tables(rapport):
        path = folder / f"{table.name}-{rapport.month}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(table.headers)
            writer.writerows(table.rows)
        written.append(path)
    return written
