"""The figures of the reports, computed from an organization's requests.

Definitions (stated on the page too):

- A request counts once it has a date sent; drafts are left out. The date and
  office filters apply to the date sent and the request's office.
- Its outcome is its state now.
- Time to answer: days from the date sent to the first decision recorded
  (granted, partly granted or denied); the median and the 90th percentile
  (nearest rank) over the requests that have one.
- Unanswered: sent and still without a decision (sent, acknowledged or marked
  "no response"); overdue: unanswered past the office's follow-up interval.
- Denials on not-weighed facts: requests denied now, counted once per tag their
  denial carries.
- Protective factors among denied requests: the cases with a denied request,
  assessed now by the protection-first framework; counted once per case for each
  category and each protective factor that held.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field

import amparo
from amparo_web.accounts.models import Organization
from amparo_web.cases import store
from amparo_web.cases.models import Case
from amparo_web.requests_app.models import Office, PDRequest, State
from amparo_web.requests_app.states import AWAITING, DECISIONS, overdue

# Counts from 1 to 4 are shown as "<5" in the export: the project's reading of a
# count small enough to point at a person.
THRESHOLD = 5
OUTCOMES = [s.value for s in State if s != State.DRAFTED]


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None
    end: dt.date | None = None
    office: Office | None = None


@dataclass
class Report:
    total: int = 0
    by_office: dict[str, Counter[str]] = field(default_factory=dict)
    by_kind: dict[str, Counter[str]] = field(default_factory=dict)
    days: list[int] = field(default_factory=list)
    unanswered: int = 0
    overdue: int = 0
    denied: int = 0
    tags: Counter[str] = field(default_factory=Counter)
    denied_cases: int = 0
    assessed_cases: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    factors: Counter[str] = field(default_factory=Counter)

    @property
    def answered(self) -> int:
        return len(self.days)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def p90_days(self) -> int | None:
        if not self.days:
            return None
        ordered = sorted(self.days)
        return ordered[math.ceil(0.9 * len(ordered)) - 1]

    @property
    def unanswered_share(self) -> float | None:
        return self.unanswered / self.total if self.total else None

    @property
    def overdue_share(self) -> float | None:
        return self.overdue / self.total if self.total else None


def requests_of(organization: Organization, filters: Filters) -> list[PDRequest]:
    rows = PDRequest.objects.filter(
        case__organization=organization, sent_on__isnull=False
    )
    if filters.start:
        rows = rows.filter(sent_on__gte=filters.start)
    if filters.end:
        rows = rows.filter(sent_on__lte=filters.end)
    if filters.office:
        rows = rows.filter(office=filters.office)
    return list(
        rows.select_related("office", "case").prefetch_related("history").order_by("id")
    )


def build(
    organization: Organization, filters: Filters, today: dt.date, *, assess: bool = True
) -> Report:
    report = Report()
    denied_case_ids: set[int] = set()
    for r in requests_of(organization, filters):
        report.total += 1
        report.by_office.setdefault(r.office.name, Counter())[r.state] += 1
        report.by_kind.setdefault(r.kind, Counter())[r.state] += 1
        history = list(r.history.all())
        first = next((c for c in history if c.state in DECISIONS), None)
        if first is not None and r.sent_on is not None:
            report.days.append(max((first.on - r.sent_on).days, 0))
        if r.state in AWAITING:
            report.unanswered += 1
            if overdue(r, today) is not None:
                report.overdue += 1
        if r.state == State.DENIED:
            report.denied += 1
            denial = next(
                (c for c in reversed(history) if c.state == State.DENIED), None
            )
            report.tags.update(set(denial.tags if denial else []))
            denied_case_ids.add(r.case_id)
    report.denied_cases = len(denied_case_ids)
    if assess:
        protective_factors(report, denied_case_ids)
    return report


def protective_factors(report: Report, case_ids: set[int]) -> None:
    """Assess each case's document in memory; only category and factor ids leave here."""
    rows = Case.objects.filter(pk__in=case_ids).select_related("organization")
    for row in rows:
        try:
            result = amparo.assess(store.read_case(row))
        except amparo.AmparoError:
            continue
        report.assessed_cases += 1
        report.categories.update(k for k, held in result.categories.items() if held)
        report.factors.update(
            f.factor.id
            for f in result.factors
            if f.factor.role == "protective" and f.value is True
        )


def suppress(count: int) -> str:
    """A count as the export shows it: below the threshold (and above 0) as "<5"."""
    return f"<{THRESHOLD}" if 0 < count < THRESHOLD else str(count)
