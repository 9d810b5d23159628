"""Who hears of an event, and what they are told: one Notice per reader who may read the record.

THE READ GATE: every candidate is kept only if the record reads for them through `Model.objects.restrict(user)`,
so a subject, a body, a digest or a count never names a Restricted record to someone who may not see it. The
services write the notices (notifications.services); nothing here writes."""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from changes.choices import ChangeStage, ChangeStatus
from changes.models import ChangeRequest, ImpactResponse
from core import events
from core.roles import CONSTITUENCY_REPRESENTATIVE, PARTY_REPRESENTATIVE
from meetings.choices import ActionStatus
from meetings.models import Action, AgendaItem, Meeting, MeetingPack
from meetings.rag import due_soon_until
from milestones.rag import add_working_days
from notifications.choices import Kind
from notifications.models import Follow
from programme.models import Organisation

IA_CLOSING_WORKING_DAYS = 2


@dataclass
class Notice:
    user: object
    kind: str
    event_key: str
    subject: str
    body: str
    record: object
    link: str = ""

    @property
    def url(self) -> str:
        getter = getattr(self.record, "get_absolute_url", None)
        return getter() if getter else self.link


def may_read(user, record) -> bool:
    """Whether `user` may read `record`, asked of the record's own gate."""
    return type(record).objects.restrict(user).filter(pk=record.pk).exists()


def readers(users, record) -> list:
    """The active people among `users` who may read `record`, each once, in a stable order."""
    unique = {user.pk: user for user in users if user.is_active}
    return [unique[pk] for pk in sorted(unique) if may_read(unique[pk], record)]


# --- who -----------------------------------------------------------------------------------------------------


def _people():
    return get_user_model().objects.filter(is_active=True).select_related("profile__organisation")


def representatives_of(organisations) -> list:
    return list(_people().filter(groups__name=PARTY_REPRESENTATIVE, profile__organisation__in=organisations).distinct())


def invited_organisations(change_request: ChangeRequest):
    """The parties an IA is sent to: those of the constituencies asked, or every active party."""
    constituencies = list(change_request.ia_constituencies.all())
    parties = Organisation.objects.filter(active=True)
    return parties.filter(constituency__in=constituencies) if constituencies else parties


def named_in(text: str, people) -> list:
    """The people whose full name or username `text` names, as the logs write owners and raisers (the same match
    as a person's own items on /my/)."""
    lowered = text.lower()
    return [
        person
        for person in people
        if (person.first_name and person.last_name and person.get_full_name().lower() in lowered)
        or person.get_username().lower() in lowered
    ]


def _organisation_id(person):
    profile = getattr(person, "profile", None)
    return profile.organisation_id if profile is not None else None


def followers(*, group=None, record=None) -> list:
    """People following the group, or the record."""
    from django.contrib.contenttypes.models import ContentType

    condition = Q()
    if group is not None:
        condition |= Q(group=group)
    if record is not None:
        condition |= Q(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
    user_ids = Follow.objects.filter(condition).values_list("user_id", flat=True)
    return list(_people().filter(pk__in=user_ids))


# --- what, per event -----------------------------------------------------------------------------------------


def for_event(kind: str, payload: dict) -> list[Notice]:
    """The notices an event of core.events gives."""
    return EVENT_NOTICES[kind](**payload)


def ia_issued(change_request_id: int) -> list[Notice]:
    cr = ChangeRequest.objects.unrestricted().get(pk=change_request_id)
    window = _window(cr)
    key = f"ia_issued:{cr.pk}:{cr.ia_opens_on}:{cr.ia_closes_on}"
    return [
        Notice(
            person,
            Kind.IA_ISSUED,
            key,
            f"{cr.ref} issued for impact assessment: answer {window}",
            f"{cr.ref} “{cr.title}” is out for impact assessment {window}. "
            f"Answer for {person.profile.organisation} on the change request's page.",
            cr,
        )
        for person in readers(representatives_of(invited_organisations(cr)), cr)
    ]


def ia_closing(today: datetime.date) -> list[Notice]:
    """Representatives of invited parties that have not answered an IA closing within two working days."""
    last_day = add_working_days(today, IA_CLOSING_WORKING_DAYS)
    closing = ChangeRequest.objects.unrestricted().filter(
        stage=ChangeStage.IMPACT_ASSESSMENT,
        status=ChangeStatus.OPEN,
        ia_closes_on__gte=today,
        ia_closes_on__lte=last_day,
    )
    notices = []
    for cr in closing:
        answered = ImpactResponse.objects.unrestricted().filter(change_request=cr).values("organisation_id")
        silent = invited_organisations(cr).exclude(pk__in=answered)
        for person in readers(representatives_of(silent), cr):
            notices.append(
                Notice(
                    person,
                    Kind.IA_CLOSING,
                    f"ia_closing:{cr.pk}:{cr.ia_closes_on}",
                    f"{cr.ref} impact assessment closes {cr.ia_closes_on:%A %d %B}: no answer yet",
                    f"{person.profile.organisation} has not answered the impact assessment of {cr.ref} "
                    f"“{cr.title}”, which closes on {cr.ia_closes_on:%d/%m/%Y}.",
                    cr,
                )
            )
    return notices


def action_assigned(action_id: int) -> list[Notice]:
    action = Action.objects.unrestricted().select_related("owner_organisation").get(pk=action_id)
    people = list(_people())
    owners = named_in(action.owner, people)
    if action.owner_organisation_id:
        owners += [person for person in people if _organisation_id(person) == action.owner_organisation_id]
    # The owner as written is part of the key: the same action given to someone else is news again.
    owner_key = hashlib.sha256(f"{action.owner}|{action.owner_organisation_id}".encode()).hexdigest()[:12]
    due = f"due {action.due_on:%d/%m/%Y}" if action.due_on else (action.due_text or "no due date")
    return [
        Notice(
            person,
            Kind.ACTION_ASSIGNED,
            f"action_assigned:{action.pk}:{owner_key}",
            f"Action {action.ref} assigned to {action.owner}",
            f"{action.ref} ({due}): {action.description}",
            action,
        )
        for person in readers(owners + followers(record=action), action)
    ]


def actions_due(today: datetime.date) -> list[Notice]:
    """Each person's open actions due within five working days or overdue, in one notice a week."""
    pending = (
        Action.objects.unrestricted()
        .exclude(status=ActionStatus.CLOSED)
        .filter(due_on__isnull=False, due_on__lte=due_soon_until(today))
        .order_by("due_on", "ref")
    )
    people = list(_people())
    by_person = defaultdict(list)
    for action in pending:
        owners = named_in(action.owner, people)
        if action.owner_organisation_id:
            owners += [person for person in people if _organisation_id(person) == action.owner_organisation_id]
        for person in {p.pk: p for p in owners}.values():
            by_person[person].append(action.pk)
    year, week, _ = today.isocalendar()
    notices = []
    for person, action_ids in by_person.items():
        visible = list(Action.objects.restrict(person).filter(pk__in=action_ids).order_by("due_on", "ref"))
        if not visible:
            continue
        overdue = [action for action in visible if action.due_on < today]
        lines = [
            f"{action.ref} — {'overdue since' if action.due_on < today else 'due'} {action.due_on:%d/%m/%Y}: "
            f"{action.description}"
            for action in visible
        ]
        notices.append(
            Notice(
                person,
                Kind.ACTIONS_DUE,
                f"actions_due:{year}-W{week:02d}",
                f"Your actions: {len(overdue)} overdue, {len(visible) - len(overdue)} due within five working days",
                "\n".join(lines),
                None,
                link=reverse("dashboards:my"),
            )
        )
    return notices


def cr_decided(change_request_id: int) -> list[Notice]:
    cr = ChangeRequest.objects.unrestricted().get(pk=change_request_id)
    people = list(_people())
    raisers = named_in(cr.raised_by, people) if cr.raised_by else []
    if cr.raiser_organisation_id:
        raisers += [person for person in people if _organisation_id(person) == cr.raiser_organisation_id]
    answered = Organisation.objects.filter(
        pk__in=ImpactResponse.objects.unrestricted().filter(change_request=cr).values("organisation_id")
    )
    audience = raisers + representatives_of(answered) + followers(record=cr)
    decided = f" on {cr.decided_on:%d/%m/%Y}" if cr.decided_on else ""
    body = f" by {cr.decision_body}" if cr.decision_body_id else ""
    return [
        Notice(
            person,
            Kind.CR_DECIDED,
            f"cr_decided:{cr.pk}:{cr.status}:{cr.decided_on}",
            f"{cr.ref} {cr.get_status_display().lower()}",
            f"{cr.ref} “{cr.title}” was {cr.get_status_display().lower()}{body}{decided}.",
            cr,
        )
        for person in readers(audience, cr)
    ]


def vote_opened(vote_round_id: int) -> list[Notice]:
    # The meetings app's vote rounds; read by name so this module stands before the model lands.
    vote_round = apps.get_model("meetings", "VoteRound").objects.select_related("meeting").get(pk=vote_round_id)
    meeting = vote_round.meeting
    voters = list(
        _people().filter(groups__name=CONSTITUENCY_REPRESENTATIVE, profile__organisation__isnull=False).distinct()
    )
    closes_at = getattr(vote_round, "closes_at", None)
    closing = f", open until {closes_at:%d/%m/%Y %H:%M}" if closes_at else ""
    return [
        Notice(
            person,
            Kind.VOTE_OPENED,
            f"vote_opened:{vote_round.pk}",
            f"Vote opened at {meeting.ref}: {vote_round.subject}",
            f"A vote on {vote_round.subject} is open at {meeting.ref}{closing}. "
            f"Cast the vote of {person.profile.organisation.constituency} on the meeting's page.",
            meeting,
        )
        for person in readers(voters, meeting)
    ]


def headline_issued(meeting_id: int) -> list[Notice]:
    meeting = Meeting.objects.unrestricted().select_related("group").get(pk=meeting_id)
    audience = followers(group=meeting.group, record=meeting)
    return [
        Notice(
            person,
            Kind.HEADLINE_ISSUED,
            f"headline_issued:{meeting.pk}:{meeting.headline_issued_on}",
            f"{meeting.ref} headline report issued",
            f"The headline report of {meeting.ref} “{meeting.title}” was issued"
            f"{f' on {meeting.headline_issued_on:%d/%m/%Y}' if meeting.headline_issued_on else ''}.",
            meeting,
        )
        for person in readers(audience, meeting)
    ]


def papers_published(pack_id: int) -> list[Notice]:
    pack = MeetingPack.objects.unrestricted().select_related("meeting__group").get(pk=pack_id)
    meeting = pack.meeting
    notices = []
    for person in readers(followers(group=meeting.group, record=meeting), pack):
        comparison = changed_sections(pack, person)
        if comparison is None:
            body = f"Version {pack.version} of the {pack.get_kind_display().lower()} of {meeting.ref} is out."
        else:
            since, sections = comparison
            body = (
                f"Changed since {since}: {'; '.join(sections)}." if sections else f"No section changed since {since}."
            )
        notices.append(
            Notice(
                person,
                Kind.PAPERS_PUBLISHED,
                f"papers_published:{pack.pk}",
                f"{meeting.ref} {pack.get_kind_display().lower()} v{pack.version} published",
                body,
                meeting,
            )
        )
    return notices


def changed_sections(pack: MeetingPack, person) -> tuple[str, list[str]] | None:
    """(the version compared with, the titles of the sections that differ) — against the version of this pack's
    kind the person last downloaded, else version 1.0; None for a first issue nobody has downloaded."""
    same_papers = MeetingPack.objects.restrict(person).filter(
        meeting=pack.meeting, kind=pack.kind, classification=pack.classification
    )
    baseline = None
    download_model = _pack_download_model()
    if download_model is not None:
        last = (
            download_model.objects.filter(user=person, pack__in=same_papers.exclude(pk=pack.pk))
            .select_related("pack")
            .order_by("-downloaded_at")
            .first()
        )
        baseline = last.pack if last else None
    if baseline is None:
        baseline = same_papers.filter(minor=0).exclude(pk=pack.pk).first()
    if baseline is None:
        return None
    titles = dict(AgendaItem.objects.restrict(person).filter(meeting=pack.meeting).values_list("position", "title"))
    changed = [
        _section_title(anchor, titles)
        for anchor, digest in pack.section_digests.items()
        if baseline.section_digests.get(anchor) != digest
    ]
    return f"v{baseline.version}", changed


def _section_title(anchor: str, titles: dict) -> str:
    number = anchor.removeprefix("item-")
    if number.isdigit() and int(number) in titles:
        return f"{number}. {titles[int(number)]}"
    return anchor.replace("-", " ").capitalize()


def _pack_download_model():
    try:
        return apps.get_model("meetings", "PackDownload")
    except LookupError:
        return None


def _window(cr: ChangeRequest) -> str:
    opens = f"from {cr.ia_opens_on:%d/%m/%Y} " if cr.ia_opens_on else ""
    return f"{opens}by {cr.ia_closes_on:%d/%m/%Y}" if cr.ia_closes_on else f"{opens}(no closing date)".strip()


EVENT_NOTICES = {
    events.IA_ISSUED: ia_issued,
    events.CR_DECIDED: cr_decided,
    events.ACTION_ASSIGNED: action_assigned,
    events.VOTE_OPENED: vote_opened,
    events.HEADLINE_ISSUED: headline_issued,
    events.PAPERS_PUBLISHED: papers_published,
}
