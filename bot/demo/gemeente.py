"""More fictional teams for `make demo`: six months of case choices, opt-ins and signals.

Wijkteam Noord (bot/demo/history.py) is the team whose weekspiegel the demo shows; these teams
make the signalenrapport worth reading: four of the five share their monthly figures, one does
not (its figures never appear), and a few teamleiders send a knelpunt up to the gemeente.
Deterministic: the same seed gives the same story.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.gemeente_signal import send_signal
from bot.rapport import TREND_MONTHS, Floors, Month
from prompts.casus_form import CaseForm
from storage import casus, teams
from storage import rapport as sharing
from storage.engine import session_scope
from storage.models import Casus, Team

SEED = 11
WAIT = "wachtlijsten-tweede-lijn"
TIME = "tijd-voor-reflectie"
EXPERTISE = "specialistische-expertise"
PREVENTION = "preventie-en-presentie"


@dataclass(frozen=True)
class DemoTeam:
    """A fictional team and how it works: how often it refers, and what weighs on it."""

    name: str
    channel_id: str
    leader: str
    shares: bool
    cases_per_month: int
    refer_share: float  # of its cases, referred or with a specialist
    knelpunten: tuple[str, ...]


TEAMS = (
    DemoTeam("Wijkteam Zuid", "C0DEMOZUID", "U0DEMOZUID", True, 22, 0.55, (WAIT, EXPERTISE)),
    DemoTeam("Wijkteam Oost", "C0DEMOOOST", "U0DEMOOOST", True, 16, 0.30, (TIME, PREVENTION, WAIT)),
    DemoTeam("Wijkteam West", "C0DEMOWEST", "U0DEMOWEST", True, 19, 0.45, (WAIT, TIME, EXPERTISE)),
    DemoTeam("Wijkteam Centrum", "C0DEMOCENT", "U0DEMOCENT", False, 25, 0.5, (WAIT,)),
)
SIGNALS = (
    ("C0DEMOZUID", WAIT, "De wachttijd bij de jeugd-ggz is opgelopen tot vier maanden; wij "
     "overbruggen zonder dat daar tijd of expertise voor is."),
    ("C0DEMOOOST", PREVENTION, "We willen meer in de wijk aanwezig zijn, maar het spreekuur in "
     "het buurthuis is door de bezuinigingen op twee dagdelen gezet."),
    ("C0DEMOCENT", WAIT, "Schuldhulpverlening heeft een wachtlijst van tien weken; gezinnen "
     "raken in die tijd verder in de problemen."),
    ("C0DEMONOORD", TIME, "Intervisie schiet er elke week bij in; we vragen ruimte in de "
     "formatie om van casussen te leren."),
)  # fmt: skip
_REFERRED = (
    ("ggz", "wachtlijst"),
    ("schuldhulpverlening", "expertise-ontbreekt"),
    ("jeugdhulp", "zorgzwaarte"),
    ("huisarts-poh-ggz", "wens-burger"),
    ("veilig-thuis", "veiligheid"),
    ("informeel-netwerk", "anders"),
    ("wmo-maatwerk", "geen-mandaat"),
)


def _moment(day: date, timezone: ZoneInfo, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(9, 16), rng.choice((0, 30))), tzinfo=timezone)


def _month_days(month: Month) -> list[date]:
    first = month.first_day()
    last = month.shifted(1).first_day() - timedelta(days=1)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)
            if (first + timedelta(days=n)).weekday() < 5]  # fmt: skip


def build_demo_gemeente(
    engine: Engine,
    *,
    month: Month,
    noord: Team,
    form: CaseForm,
    labels: Mapping[str, str],
    timezone: ZoneInfo,
    floors: Floors,
) -> int:
    """Write the other teams' six months up to `month`, the opt-ins and the signals; signals."""
    rng = random.Random(SEED)
    domains = list(form.domains)
    months = [month.shifted(n - TREND_MONTHS + 1) for n in range(TREND_MONTHS)]
    with session_scope(engine) as session:
        made = {noord.channel_id: noord}
        start = datetime.combine(months[0].first_day(), time(8), tzinfo=timezone)
        for demo in TEAMS:
            team = teams.create_team(session=session, channel_id=demo.channel_id, name=demo.name,
                                     leader_id=demo.leader, now=start)  # fmt: skip
            made[demo.channel_id] = team
            assert team.id is not None
            if demo.shares:
                sharing.set_sharing(session=session, team_id=team.id, on=True, now=start)
            for index, current in enumerate(months):
                days = _month_days(current)
                for _ in range(demo.cases_per_month + rng.randint(-3, 3)):
                    referred = rng.random() < demo.refer_share + 0.02 * index
                    destination, reason = rng.choice(_REFERRED)
                    intake = rng.choices(list(form.intakes), weights=[5, 3, 1 + index // 2, 1])[0]
                    knelpunten = [k for k in demo.knelpunten if rng.random() < 0.25 + 0.05 * index]
                    case = Casus(
                        team_id=team.id,
                        user_id=f"{demo.leader}{rng.randint(1, 9)}",
                        description="Verzonnen casus voor de demo.",
                        domains=",".join(rng.sample(domains[:9], rng.randint(1, 2))),
                        intake=intake,
                        decision=rng.choice(("doorverwezen", "consult")) if referred
                        else rng.choice(("zelf", "zelf", "open")),
                        destinations=destination if referred else "",
                        reasons=reason if referred else "",
                        created_at=_moment(rng.choice(days), timezone, rng),
                    )  # fmt: skip
                    casus.save_casus(session=session, casus=case, knelpunten=knelpunten)
        assert noord.id is not None
        sharing.set_sharing(session=session, team_id=noord.id, on=True, now=start)
        signal_day = datetime.combine(_month_days(month)[-3], time(15), tzinfo=timezone)
        sent = 0
        for channel_id, knelpunt_id, note in SIGNALS:
            team = made[channel_id]
            assert team.id is not None
            leader = teams.list_teamleiders(session=session, team=team)[0]
            sent += send_signal(session=session, team_id=team.id, user_id=leader,
                                knelpunt_id=knelpunt_id, note=note, now=signal_day, labels=labels,
                                timezone=timezone, floors=floors) is not None  # fmt: skip
    return sent
