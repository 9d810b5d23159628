"""Reads of change control shared by pages, API and (later) packs and dashboards."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from changes.choices import ChangeStatus, ImpactResponseChoice, Sharing
from changes.models import ChangeRequest, ImpactResponse
from core import clock
from programme.models import Constituency, Organisation
from programme.rules import organisation_of


def change_requests(user) -> QuerySet[ChangeRequest]:
    """CRs `user` may see, with what list rows and API records show, in a constant number of queries."""
    return (
        ChangeRequest.objects.restrict(user)
        .select_related("raiser_organisation", "decision_body")
        .prefetch_related(
            Prefetch("mutually_exclusive_with", queryset=ChangeRequest.objects.only("id", "ref").restrict(user)),
            "ia_constituencies",
        )
    )


def impact_responses(user) -> QuerySet[ImpactResponse]:
    """The answers `user` may see, each with `details_hidden`: its comments and impacts are kept for the PMO and
    the answering party (the rule changes.read_answer_details, in SQL for lists and exports)."""
    if user.has_perm("changes.change_impactresponse"):
        hidden = Value(False)
    else:
        readable = Q(shared=Sharing.SHARED) | Q(organisation=organisation_of(user))
        hidden = ExpressionWrapper(~readable, output_field=BooleanField())
    return (
        ImpactResponse.objects.restrict(user)
        .select_related("change_request", "organisation__constituency", "entered_by")
        .annotate(details_hidden=hidden)
    )


@dataclass
class AnswerRow:
    """One party on a CR's impact assessment: its answer (None: no reply yet), and whether the reader may read the
    answer's comments and impacts (changes.read_answer_details)."""

    organisation: Organisation
    answer: ImpactResponse | None
    details_visible: bool


def answer_roll(change_request: ChangeRequest, user) -> list[AnswerRow]:
    """The answers to a CR's impact assessment the reader may see, by constituency then party. For the PMO, every
    invited party too, with "No reply" where it has not answered: who answered and who has not."""
    answers = {
        answer.organisation_id: answer
        for answer in impact_responses(user).filter(change_request=change_request).select_related("change_request")
    }
    organisations = [answer.organisation for answer in answers.values()]
    if user.has_perm("changes.change_impactresponse"):
        invited = Organisation.objects.filter(active=True).select_related("constituency")
        seats = list(change_request.ia_constituencies.all())
        if seats:
            invited = invited.filter(constituency__in=seats)
        organisations += [organisation for organisation in invited if organisation.pk not in answers]
    organisations.sort(key=lambda o: (o.constituency.position, o.constituency.name, o.name))
    return [
        AnswerRow(
            organisation=organisation,
            answer=answers.get(organisation.pk),
            details_visible=organisation.pk in answers
            and user.has_perm("changes.read_answer_details", answers[organisation.pk]),
        )
        for organisation in organisations
    ]


def status_report(user, *, months: int = 3, today: datetime.date | None = None) -> QuerySet[ChangeRequest]:
    """The pack's "Change Request Status" slide: CRs raised in the last `months` months, or still open."""
    return change_requests(user).filter(_reported(months, today or timezone.localdate())).order_by("ref")


def status_report_as_of(user, *, months: int, moment: datetime.datetime) -> list[ChangeRequest]:
    """The "Change Request Status" slide as it stood at `moment` (a paper's issue): the CRs as they were then,
    chosen by their stage and status then."""
    current = change_requests(user).order_by("ref")
    then = clock.as_of_queryset(current, moment).filter(_reported(months, timezone.localtime(moment).date()))
    return clock.records_as_of(then, user, current)


def _reported(months: int, today: datetime.date) -> Q:
    since = today - relativedelta(months=months)
    return Q(raised_on__gte=since) | Q(status__in=[ChangeStatus.OPEN, ChangeStatus.ON_HOLD])


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
    return impact_summaries([change_request])[change_request.pk]


def impact_summaries(change_requests, moment: datetime.datetime | None = None) -> dict[int, ImpactSummary]:
    """The pack's "Submitted Impact Assessments" table for each CR: per constituency, Yes / No / Abstain /
    No reply, and totals; as the answers stood at `moment` when a paper states the past.

    The population is the invited programme parties (the active organisations of the IA's constituencies, or of
    all of them); an organisation that answered counts whatever its status. Three aggregate queries however many
    CRs and responses: the invited constituencies, the parties per constituency, the answers per constituency."""
    ids = [cr.pk for cr in change_requests]
    invited: dict[int, set[int]] = {pk: set() for pk in ids}
    if moment is None:
        links = ChangeRequest.ia_constituencies.through.objects.filter(changerequest_id__in=ids)
        for cr_id, constituency_id in links.values_list("changerequest_id", "constituency_id"):
            invited[cr_id].add(constituency_id)
    else:
        # CRs read as of the moment carry the constituencies their IA was issued to then.
        for cr in change_requests:
            invited[cr.pk] = {constituency.pk for constituency in cr.ia_constituencies.all()}
    seats = list(
        Constituency.objects.annotate(parties=Count("organisations", filter=Q(organisations__active=True))).order_by(
            "position", "name"
        )
    )
    answers: dict[int, Counter] = {pk: Counter() for pk in ids}
    for cr_id, seat, active, response in _answers(ids, moment):
        answers[cr_id][(seat, response)] += 1
        if active:
            answers[cr_id][(seat, "answered_active")] += 1

    summaries = {}
    for pk in ids:
        counts, seats_invited = answers[pk], invited[pk]
        rows = []
        for seat in seats:
            asked = seat.parties if (not seats_invited or seat.pk in seats_invited) else 0
            row = SummaryRow(
                constituency=seat.name,
                code=seat.code,
                yes=counts[(seat.pk, ImpactResponseChoice.SUPPORT)],
                no=counts[(seat.pk, ImpactResponseChoice.REJECT)],
                abstain=counts[(seat.pk, ImpactResponseChoice.ABSTAIN)],
                no_reply=max(asked - counts[(seat.pk, "answered_active")], 0),
            )
            if asked or row.yes or row.no or row.abstain:
                rows.append(row)
        summary = ImpactSummary(rows=rows)
        for row in rows:
            for key in ("yes", "no", "abstain", "no_reply"):
                setattr(summary.totals, key, getattr(summary.totals, key) + getattr(row, key))
        summaries[pk] = summary
    return summaries


def _answers(ids: list[int], moment: datetime.datetime | None) -> list[tuple[int, int, bool, str]]:
    """(CR id, constituency id, organisation active, response) of every answer to the CRs `ids`, now or as they
    stood at `moment`. The tally is of CRs the caller read through the gate: every answer to them counts."""
    if moment is None:
        return list(
            ImpactResponse.objects.unrestricted()
            .filter(change_request_id__in=ids)
            .values_list("change_request_id", "organisation__constituency_id", "organisation__active", "response")
        )
    versions = clock.versions_at(
        ImpactResponse,
        moment,
        ImpactResponse.history.filter(change_request_id__in=ids).values("id"),
        fields=("change_request_id", "organisation_id", "response"),
    ).values()
    seat_of = {
        pk: (constituency, active)
        for pk, constituency, active in Organisation.objects.filter(
            pk__in={version.organisation_id for version in versions}
        ).values_list("pk", "constituency_id", "active")
    }
    return [(version.change_request_id, *seat_of[version.organisation_id], version.response) for version in versions]


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
