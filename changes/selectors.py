"""Reads of change control shared by pages, API and (later) packs and dashboards."""

import datetime
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Count, FilteredRelation, Prefetch, Q, QuerySet
from django.utils import timezone

from changes.choices import ChangeStatus, ImpactResponseChoice
from changes.models import ChangeRequest, ImpactResponse
from mhhs_governance.selectors import visible_to
from programme.models import Organisation


def change_requests(user) -> QuerySet[ChangeRequest]:
    """CRs `user` may see, with what list rows and API records show, in a constant number of queries."""
    return (
        visible_to(ChangeRequest.objects.all(), user)
        .select_related("raiser_organisation", "decision_body")
        .prefetch_related(
            Prefetch("mutually_exclusive_with", queryset=ChangeRequest.objects.only("id", "ref")), "ia_constituencies"
        )
    )


def impact_responses(user) -> QuerySet[ImpactResponse]:
    return visible_to(ImpactResponse.objects.all(), user, "change_request__classification").select_related(
        "change_request", "organisation__constituency"
    )


def status_report(user, *, months: int = 3, today: datetime.date | None = None) -> QuerySet[ChangeRequest]:
    """The pack's "Change Request Status" slide: CRs raised in the last `months` months, or still open."""
    since = (today or timezone.localdate()) - relativedelta(months=months)
    return (
        change_requests(user)
        .filter(Q(raised_on__gte=since) | Q(status__in=[ChangeStatus.OPEN, ChangeStatus.ON_HOLD]))
        .order_by("ref")
    )


@dataclass
class SummaryRow:
    constituency: str
    code: str
    yes: int = 0
    no: int = 0
    abstain: int = 0
    no_reply: int = 0

    @property
    def invited(self) -> int:
        return self.yes + self.no + self.abstain + self.no_reply


@dataclass
class ImpactSummary:
    rows: list[SummaryRow]
    totals: SummaryRow = field(default_factory=lambda: SummaryRow("Totals", ""))

    def as_dict(self) -> dict:
        keys = ("yes", "no", "abstain", "no_reply")
        return {
            "rows": [{"constituency": row.constituency, **{k: getattr(row, k) for k in keys}} for row in self.rows],
            "totals": {k: getattr(self.totals, k) for k in keys},
        }


def impact_summary(change_request: ChangeRequest) -> ImpactSummary:
    """The pack's "Submitted Impact Assessments" table: per constituency, Yes / No / Abstain / No reply.

    The population is the invited programme parties (active organisations of the IA's constituencies, or
    of all), plus any organisation that answered. One aggregate query plus one for the invited list."""
    invited = list(change_request.ia_constituencies.values_list("pk", flat=True))
    population = Q(active=True) & (Q(constituency_id__in=invited) if invited else Q())
    answers = (
        Organisation.objects.annotate(
            answer=FilteredRelation("impact_responses", condition=Q(impact_responses__change_request=change_request))
        )
        .filter(population | Q(answer__isnull=False))
        .values("constituency__name", "constituency__code", "constituency__position")
        .annotate(
            yes=Count("pk", filter=Q(answer__response=ImpactResponseChoice.SUPPORT)),
            no=Count("pk", filter=Q(answer__response=ImpactResponseChoice.REJECT)),
            abstain=Count("pk", filter=Q(answer__response=ImpactResponseChoice.ABSTAIN)),
            no_reply=Count("pk", filter=Q(answer__isnull=True)),
        )
        .order_by("constituency__position", "constituency__name")
    )
    summary = ImpactSummary(
        rows=[
            SummaryRow(
                constituency=row["constituency__name"],
                code=row["constituency__code"],
                yes=row["yes"],
                no=row["no"],
                abstain=row["abstain"],
                no_reply=row["no_reply"],
            )
            for row in answers
        ]
    )
    for row in summary.rows:
        for key in ("yes", "no", "abstain", "no_reply"):
            setattr(summary.totals, key, getattr(summary.totals, key) + getattr(row, key))
    return summary


@dataclass
class LifecycleEvent:
    when: datetime.datetime
    who: str
    stage: str
    status: str
    action: str


def lifecycle_timeline(change_request: ChangeRequest) -> list[LifecycleEvent]:
    """Each move of the CR between stages or statuses, oldest first, read from its history (one query)."""
    events: list[LifecycleEvent] = []
    previous = None
    for record in change_request.history.select_related("history_user").order_by("history_date", "history_id"):
        moved = previous is None or (record.stage, record.status) != (previous.stage, previous.status)
        if moved:
            user = record.history_user
            events.append(
                LifecycleEvent(
                    when=record.history_date,
                    who=(user.get_full_name() or user.get_username()) if user else "system",
                    stage=record.get_stage_display(),
                    status=record.get_status_display(),
                    action=record.latest_action,
                )
            )
        previous = record
    return events
