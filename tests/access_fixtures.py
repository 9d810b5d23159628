"""The world the access matrix (tests/test_access_matrix.py) runs against, built once per module.

Every register holds a Public record and a Restricted one, the Restricted ones written with MARKER in their
titles and texts, so a test can read any response and say whether Restricted content reached a reader who may
not see it. The Restricted records are placed where a slip would show them to a Participant: in the Public
meeting (DAG26) beside its Public records, in the DAG group a Participant's group page lists, owned by the
Participant (the "My items" page matches owners by name), awaiting the Participant's organisation's impact
assessment answer, as the latest PSG meeting (the default "since" of /changes-since/), as the next upcoming
meeting, and as tier-1 programme milestones on the dashboard timeline.

Refs of Restricted records are distinctive too (CR701, R701, T3-ZQR-0701, ZQR-M14, DAG70, DAG71, DAG72, PSG71,
DAG-DEC701, DAG-DEC702, DAG26-02, DAG71-01), so that even a bare ref leaking is detectable.

Packs: the Public papers and headline report of DAG26 are really rendered (WeasyPrint) so their text can be
searched; the Restricted packs and the Public pack of a Restricted meeting carry a stand-in PDF (a Participant
must not be able to download them at all). Two packs have FAILED, for the retry routes.

Participants' own writes: a party representative of UKPN (answers UKPN's impact assessments) and a constituency
representative of Supplier A Ltd (votes for LARGE_SUPPLIER), both Participants with the grant; an open vote round
at each of DAG26 and DAG71. Notifications: every signed-in role has an unread one; the Participant's come from the
real events (the action they own, through the read gate, which leaves out the Restricted ones), plus one about
CR701 written when they could read it, its words now kept from them (MARKER and CR701 in its subject and body). One
email in the outbox has FAILED, for the retry route."""

import datetime
import io
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from changes.choices import ChangeStage, ChangeStatus, ImpactResponseChoice
from core import events
from core.choices import Classification
from core.roles import CHAIR, CONSTITUENCY_REPRESENTATIVE, PARTICIPANT, PARTY_REPRESENTATIVE, PMO
from meetings import services as meeting_services
from meetings.choices import AgendaItemType, PackKind, PackStatus, StandingSection
from meetings.models import AgendaItem, DiscussionItem, Meeting, MeetingPack, pack_path
from milestones import services as milestone_services
from notifications import mail
from notifications import services as notification_services
from notifications.choices import DeliveryStatus, Frequency, Kind
from notifications.models import Delivery, Notification, Preference
from notifications.notices import Notice
from programme.choices import GroupLevel
from programme.models import Profile
from raid import services as raid_services
from raid.choices import RaidKind
from tests.changes.factories import ChangeRequestFactory, ImpactResponseFactory
from tests.factories import UserFactory
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory

MARKER = "ZQRESTRICTEDMARKER"
PUBLIC, RESTRICTED = Classification.PUBLIC, Classification.RESTRICTED
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
PARTICIPANT_NAME = ("Pat", "Participant")
OWNER = " ".join(PARTICIPANT_NAME)  # Restricted records are "owned" by the Participant: /my/ must still hide them


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def tiny_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> user
    # Participants with a grant: "party" (Party representative of UKPN), "constituency" (Constituency
    # representative of Supplier A Ltd, so of LARGE_SUPPLIER).
    representatives: dict = field(default_factory=dict)
    feed_tokens: dict = field(default_factory=dict)  # role -> key
    groups: dict = field(default_factory=dict)
    constituencies: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    # Classified records: family -> {"public": record, "restricted": record, ...}
    cr: dict = field(default_factory=dict)
    response: dict = field(default_factory=dict)
    raid: dict = field(default_factory=dict)
    milestone: dict = field(default_factory=dict)
    meeting: dict = field(default_factory=dict)  # the meetings records are read and written at (DAG26, DAG71)
    issued: dict = field(default_factory=dict)  # meetings whose headline report is issued (DAG25, DAG70)
    agenda_item: dict = field(default_factory=dict)
    action: dict = field(default_factory=dict)
    decision: dict = field(default_factory=dict)
    vote: dict = field(default_factory=dict)
    discussion: dict = field(default_factory=dict)
    pack: dict = field(default_factory=dict)
    public_headline_pack: MeetingPack | None = None
    failed_pack: dict = field(default_factory=dict)
    round: dict = field(default_factory=dict)  # open vote rounds: at DAG26, at DAG71
    # "participant" (theirs, about the Public action they own), "restricted-record" (theirs, about CR701),
    # and one per role (unread): role -> notification
    notification: dict = field(default_factory=dict)
    failed_delivery: Delivery | None = None
    unsubscribe_token: str = ""  # the Participant's, for the headline reports
    # Everything else Restricted, for the leak checks.
    restricted_refs: tuple = ()


def _meeting(group, number, day_or_moment, classification=PUBLIC, title=""):
    starts_at = day_or_moment if isinstance(day_or_moment, datetime.datetime) else at(day_or_moment)
    return meeting_services.meeting_create(
        actor=None,
        group=group,
        number=number,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        venue="Teams",
        document_ref="MHHS-DEL2026",
        classification=classification,
    )


def _ready_pack(meeting, kind, classification, content: bytes | None = None) -> MeetingPack:
    """A pack queued as the pages queue it; rendered for real (content None) or given a stand-in PDF."""
    pack = meeting_services.pack_request(meeting=meeting, kind=kind, classification=classification, actor=None)
    # A paper states its meeting's moment (2024 here), before this world's records were written: these papers
    # state today, so that they print every record and the matrix can look for what must not leak.
    MeetingPack.objects.filter(pk=pack.pk).update(as_of=timezone.now())
    if content is None:
        pack = meeting_services.pack_render(pack.pk)
        assert pack.status == PackStatus.READY, pack.error
        return pack
    name = default_storage.save(pack_path(pack, pack.filename()), ContentFile(content))
    MeetingPack.objects.filter(pk=pack.pk).update(status=PackStatus.READY, file=name, pages=1)
    pack.refresh_from_db()
    return pack


def _failed_pack(meeting, classification) -> MeetingPack:
    pack = meeting_services.pack_request(
        meeting=meeting, kind=PackKind.HEADLINE_REPORT, classification=classification, actor=None
    )
    MeetingPack.objects.filter(pk=pack.pk).update(status=PackStatus.FAILED, error="RuntimeError: printer on fire")
    pack.refresh_from_db()
    return pack


def _representative(username, name, organisation, grant):
    user = UserFactory(username=username, first_name=name[0], last_name=name[1], role=PARTICIPANT)
    user.groups.add(Group.objects.get(name=grant))
    Profile.objects.create(user=user, organisation=organisation)
    return user


def build_world() -> World:
    w = World()
    today = timezone.localdate()
    now = timezone.now()

    # --- people -----------------------------------------------------------------------------------------------
    w.users = {
        PMO: UserFactory(username="matrix-pmo", role=PMO, is_staff=True),  # as load_demo makes PMO: admin users
        CHAIR: UserFactory(username="matrix-chair", role=CHAIR),
        PARTICIPANT: UserFactory(
            username="matrix-participant",
            first_name=PARTICIPANT_NAME[0],
            last_name=PARTICIPANT_NAME[1],
            role=PARTICIPANT,
        ),
    }
    from dashboards.models import FeedToken

    w.feed_tokens = {role: FeedToken.for_user(user).key for role, user in w.users.items()}

    # --- programme structure (not classified) -------------------------------------------------------------
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    dag = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY, parent=psg)
    w.groups = {"PSG": psg, "DAG": dag}
    dno = ConstituencyFactory(code="DNO", name="DNO", position=1)
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier", position=2)
    w.constituencies = {"DNO": dno, "LARGE_SUPPLIER": supplier}
    ukpn = OrganisationFactory(name="UKPN", constituency=dno)
    supplier_a = OrganisationFactory(name="Supplier A Ltd", constituency=supplier)
    w.organisations = {"UKPN": ukpn, "Supplier A Ltd": supplier_a}
    # The Participant answers impact assessments for UKPN: /my/ lists the open IAs UKPN has not answered.
    # (They are not its party representative: that is a grant, which `representatives` hold.)
    Profile.objects.create(user=w.users[PARTICIPANT], organisation=ukpn)
    w.representatives = {
        "party": _representative("matrix-party-rep", ("Rita", "Respondent"), ukpn, PARTY_REPRESENTATIVE),
        "constituency": _representative(
            "matrix-constituency-rep", ("Vera", "Voter"), supplier_a, CONSTITUENCY_REPRESENTATIVE
        ),
    }

    # --- change requests: both in an open impact assessment, decided by DAG ---------------------------------
    def change_request(ref, classification, title, description):
        return ChangeRequestFactory(
            ref=ref,
            title=title,
            description=description,
            raised_by=OWNER,
            stage=ChangeStage.IMPACT_ASSESSMENT,
            status=ChangeStatus.OPEN,
            latest_action="Issued for Impact Assessment",
            decision_body=dag,
            raised_on=today - datetime.timedelta(days=10),
            ia_opens_on=today - datetime.timedelta(days=7),
            ia_closes_on=today + datetime.timedelta(days=20),
            classification=classification,
        )

    w.cr = {
        "public": change_request("CR100", PUBLIC, "Public change to the settlement timetable", "A public change."),
        "restricted": change_request(
            "CR701", RESTRICTED, f"Restricted change {MARKER}", f"Commercially sensitive {MARKER} details."
        ),
    }
    w.response = {
        variant: ImpactResponseFactory(
            change_request=cr,
            organisation=supplier_a,
            response=ImpactResponseChoice.SUPPORT,
            comments=f"Comment {MARKER}" if variant == "restricted" else "We support it.",
        )
        for variant, cr in w.cr.items()
    }

    # --- RAID -------------------------------------------------------------------------------------------------
    w.raid = {
        "public": raid_services.raid_item_create(
            actor=None,
            kind=RaidKind.RISK,
            ref="R100",
            title="Public risk to the design baseline",
            description="There is a risk that the design slips.",
            owner=OWNER,
            likelihood=3,
            impact=4,
            groups=[dag],
            mitigation=[{"text": "Agree a fallback design", "owner": OWNER}],
        ),
        "restricted": raid_services.raid_item_create(
            actor=None,
            kind=RaidKind.RISK,
            ref="R701",
            title=f"Restricted risk {MARKER}",
            description=f"There is a risk that {MARKER} happens.",
            impact_text=f"Impact {MARKER}",
            owner=OWNER,
            likelihood=5,
            impact=6,
            groups=[dag],
            classification=RESTRICTED,
            mitigation=[{"text": f"Mitigation {MARKER}", "owner": OWNER}],
        ),
    }

    # --- milestones -------------------------------------------------------------------------------------------
    soon = today + datetime.timedelta(days=56)
    w.milestone = {
        "public": MilestoneFactory(
            ref="T3-DB-0100", title="Public design milestone", forum=dag, responsible=OWNER, baseline_on=soon
        ),
        "restricted": MilestoneFactory(
            ref="T3-ZQR-0701",
            title=f"Restricted milestone {MARKER}",
            forum=dag,
            responsible=OWNER,
            baseline_on=soon,
            commentary=f"Commentary {MARKER}",
            classification=RESTRICTED,
        ),
    }
    # Tier-1 programme milestones: the dashboard's M1–M16 timeline.
    # (Not M14 or M16: the heading says "M1–M16" and SVG paths are full of "M14.0,35.4".)
    MilestoneFactory(ref="M13", tier=1, title="Public programme milestone", forum=psg, baseline_on=soon)
    MilestoneFactory(
        ref="ZQR-M14", tier=1, title=f"Restricted programme milestone {MARKER}", forum=psg, baseline_on=soon,
        classification=RESTRICTED,
    )  # fmt: skip
    milestone_services.recompute_rag()

    # --- meetings ---------------------------------------------------------------------------------------------
    dag25 = _meeting(dag, "25", datetime.date(2024, 3, 6))
    dag26 = _meeting(dag, "26", datetime.date(2024, 3, 20))
    dag70 = _meeting(dag, "70", datetime.date(2024, 2, 7), RESTRICTED, f"Restricted DAG70 {MARKER}")
    dag71 = _meeting(dag, "71", datetime.date(2024, 4, 3), RESTRICTED, f"Restricted DAG71 {MARKER}")
    # Upcoming: the dashboard's next meetings and the group page's forward plan.
    _meeting(dag, "27", now + datetime.timedelta(days=14))
    dag72 = _meeting(dag, "72", now + datetime.timedelta(days=7), RESTRICTED, f"Restricted DAG72 {MARKER}")
    AgendaItem.objects.create(meeting=dag72, position=1, title=f"Forward plan item {MARKER}", duration_minutes=30)
    # The latest PSG is Restricted: the default "since" of /changes-since/.
    _meeting(psg, "36", now - datetime.timedelta(days=20))
    _meeting(psg, "71", now - datetime.timedelta(days=3), RESTRICTED, f"Restricted PSG71 {MARKER}")
    for meeting in (dag25, dag70):
        meeting_services.headline_issue(meeting=meeting, actor=None, issued_on=meeting.held_on)
    w.meeting = {"public": dag26, "restricted": dag71}
    w.issued = {"public": Meeting.objects.get(pk=dag25.pk), "restricted": Meeting.objects.get(pk=dag70.pk)}

    agenda = (
        ("Minutes and actions", StandingSection.ACTIONS),
        ("Change request status", StandingSection.CHANGE_REQUESTS),
        ("RAID review", StandingSection.RAID),
        ("Delivery dashboard", StandingSection.MILESTONES),
        ("Summary and next steps", StandingSection.SUMMARY),
    )
    for meeting, suffix in ((dag26, ""), (dag71, f" {MARKER}")):
        for position, (title, section) in enumerate(agenda, start=1):
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                title=f"{title}{suffix}",
                objective=f"Objective{suffix}",
                item_type=AgendaItemType.DISCUSSION,
                lead="DAG Chair",
                duration_minutes=10,
                standing_section=section,
            )
    w.agenda_item = {variant: m.agenda_items.order_by("position").first() for variant, m in w.meeting.items()}

    def action(meeting, description, classification, due):
        return meeting_services.action_raise(
            meeting=meeting,
            actor=None,
            area="Design",
            description=description,
            owner=OWNER,
            due_on=due,
            classification=classification,
        )

    w.action = {
        "public": action(dag26, "Circulate the public design note", PUBLIC, today + datetime.timedelta(days=3)),
        "restricted": action(dag71, f"Restricted action {MARKER}", RESTRICTED, today + datetime.timedelta(days=2)),
    }
    # A Restricted action inside the Public meeting, overdue (the dashboard's overdue list), with a log entry.
    hidden_action = action(dag26, f"Restricted action in DAG26 {MARKER}", RESTRICTED, today - datetime.timedelta(5))
    meeting_services.action_update(action=hidden_action, actor=None, text=f"Update {MARKER}")

    def decision(meeting, ref, text, classification):
        return meeting_services.decision_record(
            meeting=meeting, actor=None, ref=ref, text=text, area="Design", classification=classification
        )

    w.decision = {
        "public": decision(dag26, "DAG-DEC100", "The group agreed the public design baseline", PUBLIC),
        "restricted": decision(dag71, "DAG-DEC701", f"Restricted decision {MARKER}", RESTRICTED),
    }
    decision(dag26, "DAG-DEC702", f"Restricted decision in DAG26 {MARKER}", RESTRICTED)

    w.vote = {
        "public": meeting_services.votes_record(meeting=dag26, actor=None, subject="CR100", votes=[("DNO", "approve")])[
            0
        ],
        "restricted": meeting_services.votes_record(
            meeting=dag71, actor=None, subject=f"CR701 {MARKER}", votes=[("DNO", "reject")]
        )[0],
    }
    w.discussion = {
        "public": DiscussionItem.objects.create(meeting=dag26, position=1, area="Interfaces", text="API walkthrough"),
        "restricted": DiscussionItem.objects.create(meeting=dag71, position=1, area="Contingency", text=MARKER),
    }

    # --- packs ------------------------------------------------------------------------------------------------
    stand_in = tiny_pdf()
    w.pack = {
        "public": _ready_pack(dag26, PackKind.PAPERS, PUBLIC),
        "restricted": _ready_pack(dag26, PackKind.PAPERS, RESTRICTED, stand_in),
        "public-of-restricted-meeting": _ready_pack(dag71, PackKind.HEADLINE_REPORT, PUBLIC, stand_in),
    }
    w.public_headline_pack = _ready_pack(dag26, PackKind.HEADLINE_REPORT, PUBLIC)
    w.failed_pack = {"public": _failed_pack(dag26, PUBLIC), "restricted": _failed_pack(dag71, RESTRICTED)}

    # --- vote rounds: open, at the Public DAG26 and the Restricted DAG71 ----------------------------------------
    w.round = {
        "public": meeting_services.vote_round_open(meeting=dag26, actor=None, subject="Design baseline"),
        "restricted": meeting_services.vote_round_open(meeting=dag71, actor=None, subject=f"Restricted {MARKER}"),
    }

    # --- notifications --------------------------------------------------------------------------------------------
    # The events as the services publish them, through the notices' read gate: the Participant hears of the Public
    # action they own, not of the Restricted ones they own too; the representatives of the Public CR's IA and the
    # Public round only.
    for action_ in (w.action["public"], w.action["restricted"], hidden_action):
        notification_services.dispatch_event(events.ACTION_ASSIGNED, {"action_id": action_.pk})
    for cr in w.cr.values():
        notification_services.dispatch_event(events.IA_ISSUED, {"change_request_id": cr.pk})
    for vote_round in w.round.values():
        notification_services.dispatch_event(events.VOTE_OPENED, {"vote_round_id": vote_round.pk})
    participant = w.users[PARTICIPANT]
    w.notification["participant"] = Notification.objects.get(
        recipient=participant, kind=Kind.ACTION_ASSIGNED, object_id=w.action["public"].pk
    )
    # Written when the Participant could read CR701 (restricted since): it keeps its place, not its words.
    notification_services.notice_write(
        Notice(
            participant,
            Kind.CR_DECIDED,
            "matrix:restricted-since",
            f"CR701 approved {MARKER}",
            f"CR701 “Restricted change {MARKER}” was approved.",
            w.cr["restricted"],
        )
    )
    w.notification["restricted-record"] = Notification.objects.get(
        recipient=participant, event_key="matrix:restricted-since"
    )
    for role in (CHAIR, PMO):
        notification_services.notice_write(
            Notice(
                w.users[role],
                Kind.HEADLINE_ISSUED,
                f"matrix:{role}",
                "DAG70 headline report issued",
                f"The headline report of DAG70 {MARKER} was issued.",
                w.issued["restricted"],
            )
        )
    w.notification[PARTICIPANT] = w.notification["participant"]
    w.notification.update({role: Notification.objects.get(recipient=w.users[role]) for role in (CHAIR, PMO)})
    w.failed_delivery = Delivery.objects.get(notification=w.notification[PMO])
    Delivery.objects.filter(pk=w.failed_delivery.pk).update(
        status=DeliveryStatus.FAILED, attempts=5, last_error="SMTPServerDisconnected: gone"
    )
    w.unsubscribe_token = mail.unsubscribe_token(participant, [Kind.HEADLINE_ISSUED])

    w.restricted_refs = (
        "CR701",
        "R701",
        "T3-ZQR-0701",
        "ZQR-M14",
        "DAG70",
        "DAG71",
        "DAG72",
        "PSG71",
        "DAG-DEC701",
        "DAG-DEC702",
        hidden_action.ref,
        w.action["restricted"].ref,
    )
    return w


# --- "nothing changed" --------------------------------------------------------------------------------------

FINGERPRINT_APPS = (
    "programme",
    "changes",
    "raid",
    "milestones",
    "meetings",
    "notifications",
    "mhhs_governance",
    "authtoken",
    "auth",
)
# Rows a request may write without it being a write of the user's: sessions are not in these apps; FeedToken is
# created on first sight of a group page; auth.Permission is synced by ensure_roles.
FINGERPRINT_SKIP = {"auth.permission"}


def _fingerprint_sql() -> str:
    quote = connection.ops.quote_name
    parts = []
    for label in FINGERPRINT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.label_lower in FINGERPRINT_SKIP:
                continue
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            parts.append(f"(SELECT COUNT(*) FROM {table})")
            parts.append(f"(SELECT MAX({pk}) FROM {table})")
            names = {f.column for f in model._meta.concrete_fields}
            if "version" in names:
                parts.append(f"(SELECT SUM({quote('version')}) FROM {table})")
            if model is MeetingPack:
                # Not versioned and without history; a retry re-queues it in place.
                parts.append(f"(SELECT COUNT(*) FROM {table} WHERE {quote('status')} = 'failed')")
            # Notifications are written in place, without versions: marked read, re-queued, a choice changed.
            if model is Notification:
                parts.append(f"(SELECT COUNT(*) FROM {table} WHERE {quote('read_at')} IS NULL)")
            if model is Delivery:
                parts += [
                    f"(SELECT COUNT(*) FROM {table} WHERE {quote('status')} = '{status}')"
                    for status in DeliveryStatus.values
                ]
            if model is Preference:
                parts += [
                    f"(SELECT COUNT(*) FROM {table} WHERE {quote('frequency')} = '{frequency}')"
                    for frequency in Frequency.values
                ]
    return "SELECT " + ", ".join(parts)


_SQL: dict[str, str] = {}


def fingerprint() -> tuple:
    """Row counts, highest ids, version sums of every register table and its history: any write through the
    services adds a history row or bumps a version, so an unchanged fingerprint means nothing was written."""
    sql = _SQL.get(connection.vendor) or _SQL.setdefault(connection.vendor, _fingerprint_sql())
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())
