"""What the programme dashboard shows, each panel in one or two aggregate queries, scoped to what the reader may
see; the dashboard reads registers and never writes."""

import datetime
from collections import Counter, defaultdict
from functools import reduce
from operator import or_

from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Func, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from changes.choices import ChangeStage, ChangeStatus
from changes.models import ChangeRequest, ImpactResponse
from changes.services import ia_window_is_open
from core import clock
from core.charts import donut
from dashboards.donuts import Donut
from dashboards.rows import action_rows, ia_rows, risk_rows
from meetings.choices import ActionRag, ActionStatus, MeetingStatus
from meetings.models import Action, Decision, Meeting
from meetings.rag import due_soon_until, rag_condition
from milestones import selectors as milestone_selectors
from milestones.choices import Rag, Tier
from milestones.models import Milestone
from programme.models import GovernanceGroup
from programme.rules import is_party_representative, organisation_of
from raid import selectors as raid_selectors
from raid.choices import RaidKind, RaidStatus
from raid.models import MitigationStep, RaidItem
from raid.scoring import load_scoring

TOP_RISKS = 8
# Rows of a dashboard list; the rest are counted and one click away in the filtered register.
PANEL_ROWS = 10
NEXT_MEETINGS_WINDOW = datetime.timedelta(days=120)
# Rows of each list of what changed since a moment; the page offers the rest on request.
CHANGES_ROWS = 100


def milestone_panels(user, forum_codes: dict[int, str], moment=None) -> tuple[dict, list]:
    """The RAG donuts and the programme milestones (M1–M16, for the timeline) of the milestones `user` may see, or
    of their versions at `moment` counted against the RAG the rules gave them then: two queries (and the RAG's).
    The donuts are named by `forum_codes` ({group id: code} of every group now)."""
    visible = Milestone.objects.restrict(user)
    if moment is None:
        # Counted by forum id, not joined to the forum's code: the join cost more than the count (~6 of 13 ms of
        # 15,000 milestones at scale 10), and the caller knows every group's code.
        counts = visible.values_list("tier", "forum_id", "rag").annotate(n=Count("pk")).order_by()
        programme = list(visible.filter(tier=Tier.PROGRAMME))
    else:
        # The RAG then is derived in Python: counted here rather than sent back to the database to group by.
        rags = milestone_selectors.rags_as_of(moment)
        versions = clock.latest(Milestone, moment, visible.values("pk"))
        rows = list(versions.values_list("history_id", "id", "tier", "forum_id"))
        counts = Counter((tier, forum, rags.get(pk, "")) for _, pk, tier, forum in rows)
        counts = [(*key, n) for key, n in counts.items()]
        # The programme's versions by their own ids, not by a second probe of every milestone's history.
        programme_ids = [history_id for history_id, _, tier, _ in rows if tier == Tier.PROGRAMME]
        programme = list(versions.model._default_manager.filter(history_id__in=programme_ids))
    programme.sort(key=lambda m: (m.baseline_on or m.forecast_on or datetime.date.max, m.ref))
    counts = list(counts)
    codes = dict(forum_codes)
    deleted = {forum for _, forum, _, _ in counts} - codes.keys()
    if deleted and moment is not None:
        # A forum deleted since is named by its code then.
        gone = clock.versions_at(GovernanceGroup, moment, list(deleted), fields=("code",))
        codes.update({pk: version.code for pk, version in gone.items()})
    counted = [(tier, codes.get(forum, "Unknown forum"), rag, n) for tier, forum, rag, n in counts]
    return milestone_donuts(counted), programme


def milestone_donuts(counts) -> dict:
    """RAG donuts per tier and per forum from `counts` of milestones, (tier, forum code, RAG, count); each slice
    links to the filtered register."""
    by_chart: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for tier, forum, rag, n in counts:
        by_chart[("tier", str(tier))][rag] += n
        by_chart[("forum", forum)][rag] += n
    register = reverse("milestones:list")

    def chart(kind, key):
        return donut(
            [
                (rag.label, by_chart[(kind, key)][rag.value], rag.hex, f"{register}?{kind}={key}&rag={rag.value}")
                for rag in Rag
            ],
            size=96,
            thickness=18,
        )

    tiers = [Donut(Tier(int(key)).label, chart("tier", key)) for kind, key in sorted(by_chart) if kind == "tier"]
    forums = [Donut(key, chart("forum", key)) for kind, key in sorted(by_chart) if kind == "forum"]
    return {"tiers": tiers, "forums": forums}


def raid_panel(user, moment=None) -> dict:
    scoring = load_scoring()
    items = RaidItem.objects.restrict(user)
    if moment is not None:
        items = clock.as_of_queryset(items, moment)
    grid = raid_selectors.heat_map_grid(user, scoring=scoring, items=items)
    top = list(items.filter(open_risk_filter()).select_related("theme").order_by("-score", "ref")[:TOP_RISKS])
    since = (moment or timezone.now()) - datetime.timedelta(days=28)
    return {
        **grid,
        "top": top,
        "top_rows": risk_rows(top, raid_selectors.movements(top, since), scoring),
    }


def change_panel(user, moment=None) -> dict:
    """Open CRs by stage, and the first of those in impact assessment with their closing dates: one query (two as
    of a date)."""
    crs = ChangeRequest.objects.restrict(user)
    if moment is not None:
        crs = clock.as_of_queryset(crs, moment)
    else:
        # Only what the panel shows: every open CR is sorted to be ranked, and narrow rows sort faster.
        crs = crs.only("ref", "title", "stage", "status", "ia_closes_on")
    # The first few of each stage and status, each with its group's size: one query however many CRs are open.
    partition = [F("stage"), F("status")]
    undecided = list(
        crs.filter(status__in=[ChangeStatus.OPEN, ChangeStatus.ON_HOLD])
        .annotate(
            position=Window(RowNumber(), partition_by=partition, order_by=[F("ia_closes_on").asc(), F("ref").asc()]),
            of_kind=Window(Count("pk"), partition_by=partition),
        )
        .filter(position__lte=PANEL_ROWS)
        .order_by("ia_closes_on", "ref")
    )
    by_stage = Counter()
    for cr in undecided:
        if cr.position == 1:
            by_stage[cr.stage] += cr.of_kind
    register = reverse("changes:list")
    stages = [
        {
            "label": stage.label,
            "count": by_stage[stage.value],
            "url": f"{register}?stage={stage.value}&status=open&status=on_hold",
        }
        for stage in ChangeStage
        if by_stage[stage.value]
    ]
    in_ia = [cr for cr in undecided if cr.stage == ChangeStage.IMPACT_ASSESSMENT and cr.status == ChangeStatus.OPEN]
    return {
        "stages": stages,
        "in_ia": in_ia,
        "in_ia_rows": ia_rows(in_ia),
        "in_ia_total": in_ia[0].of_kind if in_ia else 0,
        "in_ia_url": f"{register}?stage={ChangeStage.IMPACT_ASSESSMENT}&status={ChangeStatus.OPEN}",
        "open_total": sum(by_stage.values()),
    }


def action_panel(user, moment=None) -> dict:
    today = timezone.localtime(moment).date() if moment else timezone.localdate()
    soon = due_soon_until(today)
    actions = Action.objects.restrict(user)
    if moment is not None:
        actions = clock.as_of_queryset(actions, moment)
    overdue, due_soon = rag_condition(ActionRag.RED, today), rag_condition(ActionRag.AMBER, today)
    pending, totals = _most_urgent(actions, overdue, due_soon, as_of=moment is not None)
    late = [action for action in pending if action.due_on < today]
    coming = [action for action in pending if action.due_on >= today]
    register = reverse("meetings:action-list")
    return {
        "overdue": late,
        "overdue_rows": action_rows(late, ActionRag.RED),
        "overdue_total": totals["overdue"],
        "due_soon": coming,
        "due_soon_rows": action_rows(coming, ActionRag.AMBER),
        "due_soon_total": totals["due_soon"],
        "overdue_url": f"{register}?overdue=true",
        "due_soon_url": f"{register}?due_after={today:%Y-%m-%d}&due_before={soon:%Y-%m-%d}&"
        + "&".join(f"status={status}" for status in ActionStatus.values if status != ActionStatus.CLOSED),
        "register": register,
    }


def _most_urgent(actions, overdue: Q, due_soon: Q, *, as_of: bool) -> tuple[list, dict[str, int]]:
    """The first PANEL_ROWS of the overdue and of the due-soon `actions` (by due date, then ref) and each kind's
    total, in one query. Today's actions are found by the due-date index and counted once; ranking every pending
    action instead sorted them all (~7 ms at scale 10). Versions at a moment have no such index, and each read of
    them picks the versions again, so there they are picked once and ranked."""
    if as_of:
        late = ExpressionWrapper(overdue, output_field=BooleanField())
        ranked = list(
            actions.filter(overdue | due_soon)
            .annotate(
                late=late,
                position=Window(RowNumber(), partition_by=[late], order_by=[F("due_on").asc(), F("ref").asc()]),
                of_kind=Window(Count("pk"), partition_by=[late]),
            )
            .filter(position__lte=PANEL_ROWS)
            .select_related(None)
            .order_by("due_on", "ref")
        )
        totals = {"overdue": 0, "due_soon": 0}
        for action in ranked:
            totals["overdue" if action.late else "due_soon"] = action.of_kind
        return ranked, totals

    def first(condition):
        return actions.filter(condition).order_by("due_on", "ref").values("pk")[:PANEL_ROWS]

    def total(condition):
        # COUNT as a plain function, so the subquery is one uncorrelated count rather than a grouping.
        return Subquery(actions.filter(condition).order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))

    if connections[actions.db].features.supports_slicing_ordering_in_compound:
        # One set of the two firsts: an OR of two IN subqueries scans every action to test each against both.
        firsts = Q(pk__in=first(overdue).union(first(due_soon), all=True))
    else:
        # SQLite takes no LIMIT inside a UNION.
        firsts = Q(pk__in=first(overdue)) | Q(pk__in=first(due_soon))
    found = list(
        actions.filter(firsts)
        .annotate(overdue_total=total(overdue), due_soon_total=total(due_soon))
        .select_related(None)
        .order_by("due_on", "ref")
    )
    totals = {"overdue": found[0].overdue_total, "due_soon": found[0].due_soon_total} if found else {}
    return found, {"overdue": 0, "due_soon": 0, **totals}


def next_meetings(user, moment=None) -> list[Meeting]:
    """The next meeting of each group within the coming months (after `moment`, if given): one query."""
    now = moment or timezone.now()
    upcoming = (
        Meeting.objects.filter(starts_at__gte=now, starts_at__lte=now + NEXT_MEETINGS_WINDOW)
        .restrict(user)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("group")
        .order_by("starts_at")
    )
    return first_of_each_group(upcoming)


def first_of_each_group(meetings) -> list[Meeting]:
    """The first of `meetings` (in their order) of each group."""
    first: dict[int, Meeting] = {}
    for meeting in meetings:
        first.setdefault(meeting.group_id, meeting)
    return list(first.values())


def open_risk_filter() -> Q:
    return Q(status=RaidStatus.OPEN, kind__in=[RaidKind.RISK, RaidKind.ISSUE])


def last_psg_before(moment: datetime.datetime, user) -> Meeting | None:
    return (
        Meeting.objects.filter(group__code="PSG", starts_at__lt=moment)
        .restrict(user)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


def changes_since(user, since: datetime.datetime, limit: int | None = CHANGES_ROWS) -> dict:
    """What moved between `since` and now, read from the history: RAID items new / closed / re-scored,
    milestones whose forecast or RAG changed, CRs that moved stage or were decided, actions raised / closed. Each
    list is cut to its first `limit` rows (None: all) with its total, so a long window reads as fast as a short one."""
    visible_items = RaidItem.objects.restrict(user)
    items = list(visible_items.order_by("-score", "ref"))
    movements = raid_selectors.movements(items, since, visible_items)
    raid_changes = [(item, movements[item.pk]) for item in items if movements[item.pk].kind != "unchanged"]

    visible_milestones = Milestone.objects.restrict(user)
    milestones = list(visible_milestones.select_related("forum").order_by("ref"))
    then = clock.versions_at(Milestone, since, visible_milestones)
    rag_then = milestone_selectors.rags_as_of(since)
    milestone_changes = []
    for milestone in milestones:
        before = then.get(milestone.pk)
        old_rag = rag_then.get(milestone.pk) if before is not None else None
        if before is None or before.forecast_on != milestone.forecast_on or old_rag != milestone.rag:
            milestone_changes.append(
                {"milestone": milestone, "before": before, "old_rag": old_rag, "new": before is None}
            )

    visible_crs = ChangeRequest.objects.restrict(user)
    crs = list(visible_crs.order_by("ref"))
    crs_then = clock.versions_at(ChangeRequest, since, visible_crs)
    cr_changes = [
        {"change_request": cr, "before": crs_then.get(cr.pk)}
        for cr in crs
        if crs_then.get(cr.pk) is None or (crs_then[cr.pk].stage, crs_then[cr.pk].status) != (cr.stage, cr.status)
    ]

    day = timezone.localtime(since).date()
    actions = Action.objects.restrict(user).select_related("meeting__group").annotate(total=Window(Count("pk")))
    raised = list(actions.filter(raised_on__gt=day).order_by("raised_on", "ref")[:limit])
    closed = list(actions.filter(closed_on__gt=day).order_by("closed_on", "ref")[:limit])
    return {
        "since": since,
        "limit": limit,
        "raid": raid_changes[:limit],
        "raid_total": len(raid_changes),
        "milestones": milestone_changes[:limit],
        "milestones_total": len(milestone_changes),
        "change_requests": cr_changes[:limit],
        "change_requests_total": len(cr_changes),
        "actions_raised": raised,
        "actions_raised_total": raised[0].total if raised else 0,
        "actions_closed": closed,
        "actions_closed_total": closed[0].total if closed else 0,
    }


def group_activity(user, group) -> dict:
    """A group's page: its meetings, open actions, decisions, related risks, milestones and forward plan."""
    now = timezone.now()
    meetings = Meeting.objects.filter(group=group).restrict(user)
    upcoming = list(meetings.filter(starts_at__gte=now).order_by("starts_at")[:3])
    risks = list(RaidItem.objects.filter(open_risk_filter(), groups=group).restrict(user).order_by("-score", "ref"))
    return {
        "past_meetings": list(meetings.filter(starts_at__lt=now).order_by("-starts_at")[:10]),
        "upcoming": upcoming,
        "forward_plan": [(m, list(m.agenda_items.restrict(user).order_by("position"))) for m in upcoming],
        "open_actions": list(
            Action.objects.filter(meeting__group=group)
            .restrict(user)
            .exclude(status=ActionStatus.CLOSED)
            .select_related("meeting")
            .order_by("due_on", "ref")
        ),
        "decisions": list(
            Decision.objects.filter(meeting__group=group)
            .restrict(user)
            .select_related("meeting", "change_request")
            .order_by("-meeting__starts_at", "-pk")[:20]
        ),
        "risks": risks,
        "movements": raid_selectors.movements(risks, now - datetime.timedelta(days=28)),
        "scoring": load_scoring(),
        "milestones": list(Milestone.objects.filter(forum=group).restrict(user).order_by("baseline_on", "ref")),
    }


def my_items(user) -> dict:
    """What is waiting for a signed-in person: actions and mitigation steps they own (matched on their name, as
    the logs write owners), CRs they raised, impact assessments their organisation has yet to answer, and its
    answers to those still open (a party representative revises them until the close)."""
    names = [name for name in {user.get_full_name().strip(), user.get_username()} if name]
    owned = reduce(or_, (Q(owner__icontains=name) for name in names))
    organisation = organisation_of(user)
    awaiting, answered = [], []
    if organisation is not None:
        today = timezone.localdate()
        open_ias = (
            ChangeRequest.objects.filter(stage=ChangeStage.IMPACT_ASSESSMENT, status=ChangeStatus.OPEN)
            .restrict(user)
            .filter(Q(ia_closes_on__isnull=True) | Q(ia_closes_on__gte=today))
            .filter(Q(ia_constituencies__isnull=True) | Q(ia_constituencies=organisation.constituency_id))
            .exclude(impact_responses__organisation=organisation)
            .distinct()
            .order_by("ia_closes_on", "ref")
        )
        awaiting = list(open_ias)
        answered = list(
            ImpactResponse.objects.restrict(user)
            .filter(organisation=organisation, change_request__stage=ChangeStage.IMPACT_ASSESSMENT)
            .select_related("change_request")
            .order_by("change_request__ia_closes_on", "change_request__ref")
        )
    return {
        "organisation": organisation,
        "answers_for_party": is_party_representative(user) and organisation is not None,
        "ia_answered": [(answer, ia_window_is_open(answer.change_request)) for answer in answered],
        "actions": list(
            Action.objects.filter(owned)
            .restrict(user)
            .exclude(status=ActionStatus.CLOSED)
            .select_related("meeting")
            .order_by("due_on", "ref")
        ),
        "mitigation_steps": list(
            MitigationStep.objects.filter(owned, done=False, item__in=RaidItem.objects.restrict(user))
            .select_related("item")
            .order_by("due_on", "item__ref")
        ),
        "raised": list(
            ChangeRequest.objects.filter(reduce(or_, (Q(raised_by__icontains=n) for n in names)))
            .restrict(user)
            .order_by("-ref")
        ),
        "ia_due": awaiting,
    }
