"""How cases came in and what the team did with them, for the weekspiegel. Knows nothing of Slack.

Every number respects the group floor: a share is shown only when it stands for at least
MIN_GROUP_SIZE cases, and a split is shown only when what it leaves over (the rest) cannot be
worked out to be a number below the floor either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.cases import split_ids
from bot.floors import GroupFloor
from prompts.casus_form import INTAKE_PROACTIVE, CaseForm
from storage.digest import CaseRow

TOP_CHOICES = 3
# A change of a share ("+20 procentpunt") needs this many cases in both periods: with fewer,
# one case alone moves a share by more than 10 procentpunt.
MIN_CHANGE_CASES = 10


@dataclass(frozen=True)
class Share:
    """A choice with its count and share of the cases."""

    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class CaseSummary:
    """How questions came in and what the team did; hidden parts are None or empty."""

    cases: int | None  # None: cases came in, but fewer than the floor
    breakdown: bool = False  # enough cases for a breakdown at all
    proactive_percent: int | None = None
    # share over the previous weeks; None unless both periods have MIN_CHANGE_CASES
    proactive_before: int | None = None
    decisions: tuple[Share, ...] = ()
    decisions_hidden: bool = False  # some decisions stood for too few cases to show
    destinations: tuple[Share, ...] = ()
    reasons: tuple[Share, ...] = ()


def _percent(part: int, total: int) -> int:
    return round(100 * part / total)


def _proactive(rows: Sequence[CaseRow], floor: GroupFloor) -> int | None:
    """The pro-active share, when neither the pro-active cases nor the rest are too few."""
    if len(rows) < floor.size:
        return None
    proactive = sum(1 for row in rows if row.intake == INTAKE_PROACTIVE)
    if not (floor.allows(proactive) and floor.allows(len(rows) - proactive)):
        return None
    return _percent(proactive, len(rows))


def _ranked(counter: Counter[str], labels: Mapping[str, str]) -> list[tuple[str, int]]:
    order = list(labels)
    known = [(value, count) for value, count in counter.items() if value in labels]
    return sorted(known, key=lambda item: (-item[1], order.index(item[0])))


def _decisions(
    rows: Sequence[CaseRow], form: CaseForm, floor: GroupFloor
) -> tuple[tuple[Share, ...], bool]:
    """Decision shares that stand for enough cases; all hidden when the rest would be too few."""
    total = len(rows)
    ranked = _ranked(Counter(row.decision for row in rows), form.decisions)
    shown = [(value, count) for value, count in ranked if count >= floor.size]
    rest = total - sum(count for _, count in shown)
    if not floor.allows(rest):
        return (), True
    shares = tuple(Share(form.decisions[v], n, _percent(n, total)) for v, n in shown)
    return shares, rest > 0


def _top(
    counter: Counter[str], labels: Mapping[str, str], total: int, floor: GroupFloor
) -> tuple[Share, ...]:
    """The most chosen values, each only when at least the floor of cases chose it."""
    return tuple(
        Share(labels[value], count, _percent(count, total))
        for value, count in _ranked(counter, labels)[:TOP_CHOICES]
        if count >= floor.size
    )


def case_summary(
    this_week: Sequence[CaseRow],
    before: Sequence[CaseRow],
    *,
    form: CaseForm,
    floor: GroupFloor,
) -> CaseSummary:
    """Intake and decisions of the week's cases, within the group floor."""
    total = len(this_week)
    if total < floor.size:
        return CaseSummary(cases=floor.count(total))
    destinations: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for row in this_week:
        destinations.update(split_ids(row.destinations))
        reasons.update(split_ids(row.reasons))
    decisions, hidden = _decisions(this_week, form, floor)
    return CaseSummary(
        cases=total,
        breakdown=True,
        proactive_percent=_proactive(this_week, floor),
        proactive_before=_proactive(before, floor)
        if min(total, len(before)) >= max(floor.size, MIN_CHANGE_CASES)
        else None,
        decisions=decisions,
        decisions_hidden=hidden,
        destinations=_top(destinations, form.destinations, total, floor),
        reasons=_top(reasons, form.reasons, total, floor),
    )
