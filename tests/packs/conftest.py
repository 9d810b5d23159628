"""Fixtures for meeting packs: a DAG meeting whose agenda asks for every standing section, with records for
each — and, beside them, records a pack must leave out (Restricted ones, other groups', stale ones).

The dates are fixed in the past (DAG24 21/02/2024, DAG25 06/03, DAG26 20/03, DAG27 17/04), and so is the history
(the records are kept up to 15/03/2024), so RAID movement and milestone RAG are read from dated history and every
run composes the same pack, as of its issue. DAG26 is the meeting
under test; DAG25 is its previous meeting and DAG27 (with an agenda) its next one."""

import datetime
import io
from dataclasses import dataclass, field

import pytest
import time_machine
from django.utils import timezone

from changes.choices import ChangeStage, ChangeStatus, ImpactResponseChoice
from core.choices import Classification
from meetings import packs, services
from meetings.choices import AgendaItemType, PackKind, StandingSection
from meetings.models import AgendaItem, DiscussionItem, Meeting, MeetingPack
from milestones.models import Milestone
from programme.choices import GroupLevel
from raid.choices import RaidKind
from raid.models import MitigationStep
from raid.scoring import load_scoring
from tests.changes.factories import ChangeRequestFactory, ImpactResponseFactory
from tests.milestones.factories import MilestoneFactory, save_at
from tests.milestones.factories import aware as aware_on
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory
from tests.raid.factories import aware, raid_item_at, rescore_at

PUBLIC, RESTRICTED = Classification.PUBLIC, Classification.RESTRICTED


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# The agenda of DAG26: (title, type, minutes, standing section). Item N's section is anchored "item-N".
AGENDA = (
    ("Welcome and introductions", AgendaItemType.INFORMATION, 5, StandingSection.NONE),
    ("Minutes and actions", AgendaItemType.DECISION, 10, StandingSection.ACTIONS),
    ("Change request status", AgendaItemType.DECISION, 20, StandingSection.CHANGE_REQUESTS),
    ("RAID review", AgendaItemType.DISCUSSION, 15, StandingSection.RAID),
    ("Delivery dashboard", AgendaItemType.INFORMATION, 15, StandingSection.MILESTONES),
    ("Summary and next steps", AgendaItemType.INFORMATION, 5, StandingSection.SUMMARY),
)
ANCHOR = {section: f"item-{position}" for position, (_, _, _, section) in enumerate(AGENDA, start=1)}
HEADINGS = {f"item-{position}": f"{position}. {title}" for position, (title, *_rest) in enumerate(AGENDA, start=1)}


@dataclass
class PackWorld:
    group: object
    other_group: object
    earlier: Meeting  # DAG24
    previous: Meeting  # DAG25
    meeting: Meeting  # DAG26, the one under test
    following: Meeting  # DAG27
    bare: Meeting  # DAG28: no agenda
    actions: dict = field(default_factory=dict)
    crs: dict = field(default_factory=dict)
    risks: dict = field(default_factory=dict)
    milestones: dict = field(default_factory=dict)
    decisions: dict = field(default_factory=dict)
    # Refs a Public pack shows, refs only a Restricted one shows, refs no pack of DAG26 shows.
    public: dict = field(default_factory=dict)
    restricted: dict = field(default_factory=dict)
    absent: dict = field(default_factory=dict)


def _meeting(group, number: str, day: datetime.date, **fields) -> Meeting:
    return services.meeting_create(
        actor=None,
        group=group,
        number=number,
        starts_at=at(day),
        ends_at=at(day, 12),
        venue="Teams",
        **fields,
    )


def _action(meeting, description: str, **fields):
    fields.setdefault("area", "Design")
    fields.setdefault("owner", "Programme PMO")
    fields.setdefault("due_on", meeting.held_on + datetime.timedelta(weeks=4))
    return services.action_raise(meeting=meeting, actor=None, description=description, **fields)


# The records are written as the PMO kept them: up to a few days before DAG26 (RAID items and milestones carry
# their own dated history), so a pack, which states the moment of its issue, finds them in their history.
KEPT_UP_TO = at(datetime.date(2024, 3, 15), 9)


def build_world() -> PackWorld:
    with time_machine.travel(KEPT_UP_TO, tick=False):
        return _build_world()


def _build_world() -> PackWorld:
    dag = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY)
    sitag = GovernanceGroupFactory(code="SITAG", name="SI Test Advisory Group", level=GroupLevel.ADVISORY)
    earlier = _meeting(dag, "24", datetime.date(2024, 2, 21))
    previous = _meeting(dag, "25", datetime.date(2024, 3, 6))
    meeting = _meeting(dag, "26", datetime.date(2024, 3, 20), document_ref="MHHS-DEL2026")
    following = _meeting(dag, "27", datetime.date(2024, 4, 17))
    bare = _meeting(dag, "28", datetime.date(2024, 5, 15))
    sitag_meeting = _meeting(sitag, "10", datetime.date(2024, 3, 13))
    world = PackWorld(dag, sitag, earlier, previous, meeting, following, bare)

    for position, (title, item_type, minutes, section) in enumerate(AGENDA, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            objective=f"Objective of {title.lower()}",
            item_type=item_type,
            lead="DAG Chair",
            duration_minutes=minutes,
            standing_section=section,
        )
    for position, title in enumerate(("Design baseline review", "Interface specification walkthrough"), start=1):
        AgendaItem.objects.create(meeting=following, position=position, title=title, duration_minutes=30)

    # --- actions --------------------------------------------------------------------------------------------
    a = world.actions
    a["stale"] = _action(earlier, "Closed before the previous meeting")  # DAG24-01
    services.action_close(action=a["stale"], actor=None, at_meeting=previous)
    a["open"] = _action(previous, "Circulate the design note", latest_update="Draft circulated")  # DAG25-01
    a["closed_since"] = _action(previous, "Confirm the test window")  # DAG25-02
    services.action_close(action=a["closed_since"], actor=None, at_meeting=meeting, text="Window confirmed")
    a["restricted"] = _action(previous, "Brief the SRO on the contingency", classification=RESTRICTED)  # DAG25-03
    a["raised_here"] = _action(meeting, "Publish the design baseline v2", area="Baseline")  # DAG26-01
    a["other_group"] = _action(sitag_meeting, "Plan the SIT window")  # SITAG10-01

    # --- decisions, votes, discussion (summary and headline report) -----------------------------------------
    world.decisions["public"] = services.decision_record(
        meeting=meeting, actor=None, text="The group agreed the design baseline v2", area="Baseline"
    )
    world.decisions["restricted"] = services.decision_record(
        meeting=meeting, actor=None, text="The group noted the contingency plan", area="Contingency",
        classification=RESTRICTED,
    )  # fmt: skip
    DiscussionItem.objects.create(meeting=meeting, position=1, area="Interfaces", text="Walkthrough of the API spec")

    # --- change requests --------------------------------------------------------------------------------------
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier", position=1)
    dno = ConstituencyFactory(code="DNO", name="DNO", position=2)
    supplier_a = OrganisationFactory(name="Supplier A Ltd", constituency=supplier)
    supplier_b = OrganisationFactory(name="Supplier B Ltd", constituency=supplier)
    OrganisationFactory(name="Network C plc", constituency=dno)
    c = world.crs
    c["for_decision"] = ChangeRequestFactory(
        ref="CR101",
        title="Move the design baseline date",
        stage=ChangeStage.AWAITING_DECISION,
        latest_action="Impact assessment closed",
        decision_body=dag,
        raised_on=datetime.date(2024, 2, 1),
        ia_constituencies=[supplier, dno],
    )
    ImpactResponseFactory(change_request=c["for_decision"], organisation=supplier_a)
    services.votes_record(
        meeting=meeting, actor=None, subject="CR101", votes=[("LARGE_SUPPLIER", "approve"), ("DNO", "reject")]
    )
    ImpactResponseFactory(
        change_request=c["for_decision"], organisation=supplier_b, response=ImpactResponseChoice.REJECT
    )
    c["open"] = ChangeRequestFactory(
        ref="CR102", title="Add a reconciliation flow", raised_on=datetime.date(2024, 3, 1)
    )
    c["other_body"] = ChangeRequestFactory(
        ref="CR103",
        title="Extend the SIT window",
        stage=ChangeStage.AWAITING_DECISION,
        decision_body=sitag,
        raised_on=datetime.date(2024, 3, 1),
    )
    c["restricted"] = ChangeRequestFactory(
        ref="CR104", title="Commercial contingency", raised_on=datetime.date(2024, 3, 1), classification=RESTRICTED
    )
    c["old"] = ChangeRequestFactory(
        ref="CR090",
        title="Approved long ago",
        status=ChangeStatus.APPROVED,
        stage=ChangeStage.COMPLETE,
        raised_on=datetime.date(2023, 1, 10),
    )

    # --- RAID: history before and after DAG25 (06/03/2024) -----------------------------------------------------
    r = world.risks
    r["increased"] = raid_item_at(aware(2024, 2, 1), ref="R101", likelihood=3, impact=4, groups=[dag])
    rescore_at(r["increased"], aware(2024, 3, 10), likelihood=4, impact=5)
    MitigationStep.objects.create(item=r["increased"], position=1, text="Agree a fallback design")
    r["unchanged"] = raid_item_at(aware(2024, 2, 1), ref="R102", likelihood=2, impact=3, groups=[dag])
    r["new"] = raid_item_at(aware(2024, 3, 12), ref="R103", likelihood=2, impact=2, groups=[dag])
    r["issue"] = raid_item_at(aware(2024, 2, 1), ref="I101", kind=RaidKind.ISSUE, impact=3, groups=[dag])
    r["restricted"] = raid_item_at(
        aware(2024, 2, 1), ref="R104", likelihood=5, impact=6, groups=[dag], classification=RESTRICTED
    )
    r["other_group"] = raid_item_at(aware(2024, 2, 1), ref="R105", likelihood=5, impact=5, groups=[sitag])

    # --- milestones: RAG Green at DAG25, Amber at DAG26, Red by DAG27 (PMO overrides, dated) ------------------
    m = world.milestones
    m["moving"] = MilestoneFactory(
        ref="T3-DB-0101",
        title="Design baseline v2 published",
        forum=dag,
        baseline_on=datetime.date(2024, 9, 2),
        rag_override="green",
        history_date=aware_on(datetime.date(2024, 1, 10)),
    )
    save_at(m["moving"], aware_on(datetime.date(2024, 3, 12)), rag_override="amber")
    save_at(m["moving"], aware_on(datetime.date(2024, 4, 1)), rag_override="red")
    m["steady"] = MilestoneFactory(
        ref="T3-DB-0102",
        title="Interface specification signed off",
        forum=dag,
        baseline_on=datetime.date(2024, 10, 1),
        history_date=aware_on(datetime.date(2024, 1, 10)),
    )
    m["restricted"] = MilestoneFactory(
        ref="T3-DB-0103",
        title="Contingency design agreed",
        forum=dag,
        baseline_on=datetime.date(2024, 10, 1),
        classification=RESTRICTED,
        history_date=aware_on(datetime.date(2024, 1, 10)),
    )
    m["other_forum"] = MilestoneFactory(
        ref="T3-SI-0101",
        title="SIT entry",
        forum=sitag,
        baseline_on=datetime.date(2024, 10, 1),
        history_date=aware_on(datetime.date(2024, 1, 10)),
    )

    world.public = {
        "actions": ["DAG25-01", "DAG25-02"],
        "raised": ["DAG26-01"],
        "decisions": [world.decisions["public"].ref],
        "crs": ["CR101", "CR102", "CR103"],
        "risks": ["R101", "R102", "R103", "I101"],
        "milestones": ["T3-DB-0101", "T3-DB-0102"],
    }
    world.restricted = {
        "actions": ["DAG25-03"],
        "decisions": [world.decisions["restricted"].ref],
        "crs": ["CR104"],
        "risks": ["R104"],
        "milestones": ["T3-DB-0103"],
    }
    world.absent = {
        "actions": ["DAG24-01", "SITAG10-01"],
        "crs": ["CR090"],
        "risks": ["R105"],
        "milestones": ["T3-SI-0101"],
    }
    return world


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every pack file of these tests lands in a temporary MEDIA_ROOT, never in the repository."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def world(db) -> PackWorld:
    return build_world()


def new_pack(meeting, kind=PackKind.PAPERS, classification=PUBLIC) -> MeetingPack:
    """The next version, queued and not rendered (the on-commit render never fires inside a test transaction)."""
    return services.pack_request(meeting=meeting, kind=kind, classification=classification, actor=None)


def tiny_pdf(pages: int = 2) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=842, height=595)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def fake_printer(monkeypatch):
    """WeasyPrint replaced by a two-page blank PDF: for tests of the workflow around the printing. The HTML
    each call was given is kept in `calls`."""
    calls: list[str] = []

    def print_pdf(html):
        calls.append(html)
        return tiny_pdf(2), 2

    monkeypatch.setattr(packs, "print_pdf", print_pdf)
    return calls


@pytest.fixture
def render(django_capture_on_commit_callbacks):
    """Requests a pack and runs its render as the commit would (Celery is eager in tests)."""

    def make(meeting, kind=PackKind.PAPERS, classification=PUBLIC, actor=None) -> MeetingPack:
        with django_capture_on_commit_callbacks(execute=True):
            pack = services.pack_request(meeting=meeting, kind=kind, classification=classification, actor=actor)
        pack.refresh_from_db()
        return pack

    return make


def score(kind, likelihood, impact) -> int:
    return load_scoring().score(kind, likelihood, impact)


def milestone_refs(world) -> list[str]:
    return list(Milestone.objects.filter(forum=world.group).values_list("ref", flat=True))
