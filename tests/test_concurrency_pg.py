"""Real concurrent writers on PostgreSQL: optimistic locking of edits and generated refs under contention.

Each writer runs in its own thread with its own database connection (closed when the thread ends), through the
test client, so the whole request path is exercised: the API's If-Match → 412, the edit forms' hidden version →
409, and the services' ref counters. The writers start together (a `threading.Barrier`), and they are held
together once more just before the first statement that takes a row lock (`hold_together`): by then every writer
has read the record and validated its input, so their transactions truly overlap and the database, not timing,
decides who wins.

SQLite serialises every write on one file lock, so nothing here would race there: PostgreSQL only.
"""

import datetime
import html
import threading
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.db import connection, connections
from django.test import Client
from rest_framework.test import APIClient

from changes import services as change_services
from changes.models import ChangeRequest
from core import refs as ref_counters
from core.models import RefCounter
from core.roles import CHAIR, PMO
from meetings import services as meeting_services
from meetings.choices import PackKind
from meetings.models import Action, Decision, Meeting, MeetingPack
from milestones import services as milestone_services
from milestones.models import Milestone
from raid import services as raid_services
from raid.models import RaidItem
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.meetings.factories import ActionFactory, MeetingFactory, at, dag
from tests.milestones.factories import MilestoneFactory
from tests.raid.factories import RaidItemFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=f"needs PostgreSQL for truly concurrent transactions (DATABASE_URL is {connection.vendor})",
    ),
    pytest.mark.django_db(transaction=True),
]

# No wait here should take more than a few seconds; a writer that never arrives means the race did not happen.
BARRIER_TIMEOUT = 15
THREAD_TIMEOUT = 60
STALE = "changed by someone else"


# --- racing machinery -----------------------------------------------------------------------------------------


def race(jobs: list, *, timeout: float = THREAD_TIMEOUT) -> list:
    """Runs each job in its own thread, all released at the same moment, and returns their results in order.

    Django connections are per thread, so every job talks to PostgreSQL over its own connection; it is closed
    when the job ends, so the test database can be flushed afterwards."""
    start = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException | None] = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait(timeout=BARRIER_TIMEOUT)
            results[index] = job()
        except BaseException as error:  # handed back to the test thread below
            errors[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, job), name=f"writer-{index}", daemon=True)
        for index, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    hung = [thread.name for thread in threads if thread.is_alive()]
    assert not hung, f"{hung} did not finish within {timeout}s: a deadlock or a lock never released"
    for error in errors:
        if error is not None:
            raise error
    return results


@dataclass
class Gate:
    parties: int
    arrived: set

    def assert_all_passed(self):
        assert len(self.arrived) == self.parties, (
            f"only {len(self.arrived)} of {self.parties} writers reached the gate: they did not race"
        )


@pytest.fixture
def hold_together(monkeypatch):
    """`hold_together(target, "name", parties)` wraps `target.name` so that each thread's first call waits until
    `parties` threads have called it, then all go on at once. Put it in front of the first statement that takes a
    lock, so that every writer is inside its request (record read, input valid) before any of them locks."""

    def install(target, name: str, parties: int) -> Gate:
        original = getattr(target, name)
        barrier = threading.Barrier(parties)
        gate = Gate(parties, set())
        guard = threading.Lock()

        def gated(*args, **kwargs):
            me = threading.get_ident()
            with guard:
                first_call = me not in gate.arrived
                gate.arrived.add(me)
            if first_call:
                barrier.wait(timeout=BARRIER_TIMEOUT)
            return original(*args, **kwargs)

        monkeypatch.setattr(target, name, gated)
        return gate

    return install


def api_client(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    # A crash must come back as the 500 a real client would get, not be re-raised in the writer's thread.
    api.raise_request_exception = False
    return api


def page_client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)  # in the test thread, so the session row is committed before the race
    return client


def form_data(form: forms.BaseForm) -> dict:
    """What `form` posts back as rendered: hidden version included, prefixed names, ticked boxes as "on"."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif value not in (None, ""):
            data[bound.html_name] = str(value)
    return data


def page_post(page, changes: dict) -> dict:
    """The edit form as `page` rendered it (with the RAID mitigation formset, when there is one) plus `changes`."""
    data = form_data(page.context["form"])
    steps = page.context.get("steps")
    if steps is not None:
        data.update(form_data(steps.management_form))
        for step_form in steps.forms:
            data.update(form_data(step_form))
    data.update(changes)
    return data


@pytest.fixture
def pmo_users(db):
    """Two PMO members: the writers of the edit races."""
    return [UserFactory(username=f"pmo-writer-{n}", role=PMO) for n in (1, 2)]


# --- the registers under test -----------------------------------------------------------------------------------


@dataclass
class Register:
    """A versioned register: how to make a record, where its API and edit page are, which function is the first
    to lock its row (where the writers are held together), and two writers' edits. Each writer changes the title
    field and one field of its own, so a write merged from both would show."""

    model: Any
    api: str
    page: str
    gates: dict[str, tuple[Any, str]]
    make: Any
    edits: tuple[dict, dict]

    def api_url(self, record):
        return self.api.format(ref=record.ref)

    def page_url(self, record):
        return self.page.format(ref=record.ref)


REGISTERS = {
    "change request": Register(
        model=ChangeRequest,
        api="/api/change-requests/{ref}/",
        page="/changes/{ref}/edit/",
        gates={"api": (change_services, "change_request_edit"), "form": (change_services, "change_request_edit")},
        make=lambda: ChangeRequestFactory(title="The original title", change_owner="", implementation_target=""),
        edits=(
            {"title": "Title by writer A", "change_owner": "Owner by writer A"},
            {"title": "Title by writer B", "implementation_target": "Target by writer B"},
        ),
    ),
    "RAID item": Register(
        model=RaidItem,
        api="/api/raid-items/{ref}/",
        page="/raid/{ref}/edit/",
        gates={"api": (raid_services, "raid_item_update"), "form": (raid_services, "raid_item_update")},
        make=lambda: RaidItemFactory(title="The original title", owner="Original owner", description=""),
        edits=(
            {"title": "Title by writer A", "owner": "Owner by writer A"},
            {"title": "Title by writer B", "description": "Description by writer B"},
        ),
    ),
    "milestone": Register(
        model=Milestone,
        api="/api/milestones/{ref}/",
        page="/milestones/{ref}/edit/",
        gates={"api": (milestone_services, "milestone_update"), "form": (milestone_services, "milestone_update")},
        make=lambda: MilestoneFactory(title="The original title", responsible="Original", commentary=""),
        edits=(
            {"title": "Title by writer A", "responsible": "Responsible by writer A"},
            {"title": "Title by writer B", "commentary": "Commentary by writer B"},
        ),
    ),
    "action": Register(
        model=Action,
        api="/api/actions/{ref}/",
        page="/actions/{ref}/edit/",
        gates={"api": (meeting_services, "action_edit"), "form": (meeting_services, "action_edit")},
        make=lambda: ActionFactory(description="The original title", owner="Original owner", area="Original"),
        edits=(
            {"description": "Title by writer A", "owner": "Owner by writer A"},
            {"description": "Title by writer B", "area": "Area by writer B"},
        ),
    ),
}
TITLE = {"action": "description"}


def gate_register(hold_together, register: Register, path: str, parties: int) -> Gate:
    module, name = register.gates[path]
    return hold_together(module, name, parties)


def assert_one_write_won(register: Register, record, winner: int, history_before: int):
    """The stored record carries the winner's edit, nothing of the loser's, and one version bump."""
    stored = register.model.objects.get(pk=record.pk)
    loser = 1 - winner
    for field, value in register.edits[winner].items():
        assert getattr(stored, field) == value, f"the winner's {field} was not stored"
    for field in register.edits[loser]:
        if field in register.edits[winner]:
            continue
        assert getattr(stored, field) == getattr(record, field), f"the loser's {field} leaked into the record"
    assert stored.version == record.version + 1, "the version is bumped exactly once"
    # One history row for the one write that happened.
    assert register.model.history.filter(id=record.pk).count() == history_before + 1


# --- two PMO writers, one record ---------------------------------------------------------------------------------


@pytest.mark.parametrize("register_name", list(REGISTERS))
def test_two_api_writers_with_the_same_if_match_one_wins_the_other_gets_412(register_name, pmo_users, hold_together):
    register = REGISTERS[register_name]
    record = register.make()
    history_before = register.model.history.filter(id=record.pk).count()
    apis = [api_client(user) for user in pmo_users]
    etag = apis[0].get(register.api_url(record))["ETag"]
    assert etag == f'"{record.version}"'
    gate = gate_register(hold_together, register, "api", parties=2)

    responses = race(
        [
            lambda api=api, edit=edit: api.patch(
                register.api_url(record), edit, format="json", headers={"If-Match": etag}
            )
            for api, edit in zip(apis, register.edits, strict=True)
        ]
    )

    gate.assert_all_passed()
    statuses = [response.status_code for response in responses]
    assert sorted(statuses) == [200, 412], [response.content[:500] for response in responses]
    winner = statuses.index(200)
    assert responses[winner]["ETag"] == f'"{record.version + 1}"'
    assert STALE in responses[1 - winner].json()["detail"]
    assert_one_write_won(register, record, winner, history_before)


@pytest.mark.parametrize("register_name", list(REGISTERS))
def test_two_form_saves_with_the_same_hidden_version_one_wins_the_other_is_refused_with_409(
    register_name, pmo_users, hold_together
):
    register = REGISTERS[register_name]
    record = register.make()
    history_before = register.model.history.filter(id=record.pk).count()
    clients = [page_client(user) for user in pmo_users]
    # Both open the edit page before either saves: the same hidden version in both forms.
    posts = [
        page_post(client.get(register.page_url(record)), edit)
        for client, edit in zip(clients, register.edits, strict=True)
    ]
    assert posts[0]["version"] == posts[1]["version"] == str(record.version)
    gate = gate_register(hold_together, register, "form", parties=2)

    responses = race(
        [
            lambda client=client, data=data: client.post(register.page_url(record), data)
            for client, data in zip(clients, posts, strict=True)
        ]
    )

    gate.assert_all_passed()
    statuses = [response.status_code for response in responses]
    assert sorted(statuses) == [302, 409], statuses
    winner = statuses.index(302)
    refused = html.unescape(responses[1 - winner].content.decode())
    assert STALE in refused and "Reload to see their changes" in refused
    # The refused form comes back with what the loser typed, to apply again after reloading.
    assert register.edits[1 - winner][TITLE.get(register_name, "title")] in refused
    assert_one_write_won(register, record, winner, history_before)


def test_six_api_writers_racing_on_one_change_request_exactly_one_wins(hold_together):
    writers = [UserFactory(username=f"pmo-racer-{n}", role=PMO) for n in range(6)]
    record = ChangeRequestFactory(title="The original title")
    gate = hold_together(change_services, "change_request_edit", parties=len(writers))
    apis = [api_client(user) for user in writers]

    responses = race(
        [
            lambda api=api, n=n: api.patch(
                f"/api/change-requests/{record.ref}/", {"title": f"Title by writer {n}"}, format="json",
                headers={"If-Match": '"1"'},
            )
            for n, api in enumerate(apis)
        ]
    )  # fmt: skip

    gate.assert_all_passed()
    statuses = [response.status_code for response in responses]
    assert sorted(statuses) == [200] + [412] * 5, statuses
    stored = ChangeRequest.objects.get(pk=record.pk)
    assert stored.title == f"Title by writer {statuses.index(200)}"
    assert stored.version == 2
    assert ChangeRequest.history.filter(id=record.pk).count() == 2


# --- generated refs under contention ----------------------------------------------------------------------------

WRITERS = 8


def numbers(refs: list[str], prefix: str) -> list[int]:
    assert all(ref.startswith(prefix) for ref in refs), refs
    return sorted(int(ref[len(prefix) :]) for ref in refs)


@pytest.fixture
def racers(db):
    """Eight API clients: PMO members (who may raise everything, decisions included)."""
    return [api_client(UserFactory(username=f"pmo-raiser-{n}", role=PMO)) for n in range(WRITERS)]


def post_all(racers, url: str, bodies: list[dict]) -> list:
    return race(
        [
            lambda api=api, body=body: api.post(url, body, format="json")
            for api, body in zip(racers, bodies, strict=True)
        ]
    )


def created(responses) -> list[str]:
    statuses = [response.status_code for response in responses]
    assert statuses == [201] * len(responses), [(r.status_code, r.content[:300]) for r in responses]
    return [response.json()["ref"] for response in responses]


@pytest.mark.parametrize("existing", [0, 3], ids=["first-actions-of-the-meeting", "after-three-actions"])
def test_actions_raised_at_once_in_one_meeting_get_distinct_contiguous_refs(racers, hold_together, existing):
    meeting = MeetingFactory(group=dag(), number="26", starts_at=at(datetime.date(2024, 11, 13)))
    for _ in range(existing):
        ActionFactory(meeting=meeting)
    # With no action yet, the series' counter row does not exist either: all eight race to create it.
    gate = hold_together(ref_counters, "next_ref", parties=WRITERS)

    responses = post_all(
        racers,
        "/api/actions/",
        [{"meeting": "DAG26", "description": f"Action {n} of the race", "owner": "PMO"} for n in range(WRITERS)],
    )

    gate.assert_all_passed()
    refs = created(responses)
    assert numbers(refs, "DAG26-") == list(range(existing + 1, existing + WRITERS + 1))
    assert all(len(ref) == len("DAG26-01") for ref in refs)
    assert Action.objects.filter(meeting=meeting).count() == existing + WRITERS
    assert RefCounter.objects.get(series="DAG26-").last == existing + WRITERS


def test_decisions_recorded_at_once_across_a_groups_meetings_get_distinct_contiguous_refs(racers, hold_together):
    group = dag()
    meetings = [
        MeetingFactory(group=group, number=number, starts_at=at(day))
        for number, day in (("26", datetime.date(2024, 11, 13)), ("27", datetime.date(2024, 12, 11)))
    ]
    meeting_services.decision_record(meeting=meetings[0], actor=None, text="Imported", ref="DAG-DEC54")
    gate = hold_together(ref_counters, "next_ref", parties=WRITERS)

    responses = post_all(
        racers,
        "/api/decisions/",
        [{"meeting": meetings[n % 2].ref, "text": f"Decision {n} of the race"} for n in range(WRITERS)],
    )

    gate.assert_all_passed()
    refs = created(responses)
    # The group's one DEC series runs on from the imported DAG-DEC54, whichever meeting recorded each one.
    assert numbers(refs, "DAG-DEC") == list(range(55, 55 + WRITERS))
    assert Decision.objects.filter(meeting__group=group).count() == WRITERS + 1


@pytest.mark.parametrize("existing", [None, "CR054"], ids=["first-cr", "after-an-imported-cr054"])
def test_change_requests_raised_at_once_get_distinct_contiguous_refs(racers, hold_together, existing):
    if existing:
        # Entered through the service, as an import does: the counter learns the ref.
        change_services.change_request_create(actor=None, ref=existing, title="Imported", change_type="fast_track")
    start = int(existing[2:]) + 1 if existing else 1
    gate = hold_together(ref_counters, "next_ref", parties=WRITERS)

    responses = post_all(
        racers,
        "/api/change-requests/",
        [{"title": f"Change {n} of the race", "change_type": "fast_track"} for n in range(WRITERS)],
    )

    gate.assert_all_passed()
    refs = created(responses)
    assert numbers(refs, "CR") == list(range(start, start + WRITERS))
    assert all(len(ref) == len("CR001") for ref in refs)


def test_risks_and_issues_raised_at_once_get_distinct_contiguous_refs_per_kind(racers, hold_together):
    gate = hold_together(ref_counters, "next_ref", parties=WRITERS)
    bodies = [
        {"kind": "risk", "title": f"Risk {n} of the race", "likelihood": 2, "impact": 3}
        if n % 2 == 0
        else {"kind": "issue", "title": f"Issue {n} of the race", "impact": 3}
        for n in range(WRITERS)
    ]

    responses = post_all(racers, "/api/raid-items/", bodies)

    gate.assert_all_passed()
    refs = created(responses)
    assert numbers([ref for ref in refs if ref.startswith("R")], "R") == list(range(1, WRITERS // 2 + 1))
    assert numbers([ref for ref in refs if ref.startswith("I")], "I") == list(range(1, WRITERS // 2 + 1))


# Two clerks enter the same hand-given ref at once: one record is stored, the other request is told the ref exists;
# never a 500. Each is held together past the "already exists?" checks of serializer and service: where the series
# has a counter, at claim_ref (which locks the counter row); a milestone ref has none, so at its validation.
IMPORTED = {
    "change request": (
        (ref_counters, "claim_ref"),
        "/api/change-requests/",
        {"ref": "CR100", "title": "Imported twice", "change_type": "fast_track"},
    ),
    "RAID item": (
        (ref_counters, "claim_ref"),
        "/api/raid-items/",
        {"ref": "R100", "kind": "risk", "title": "Imported twice", "likelihood": 2, "impact": 3},
    ),
    "action": (
        (ref_counters, "claim_ref"),
        "/api/actions/",
        {"ref": "DAG26-09", "meeting": "DAG26", "description": "Imported twice", "owner": "PMO"},
    ),
    "decision": (
        (ref_counters, "claim_ref"),
        "/api/decisions/",
        {"ref": "DAG-DEC90", "meeting": "DAG26", "text": "Imported twice"},
    ),
    "milestone": (
        (Milestone, "full_clean"),
        "/api/milestones/",
        {"ref": "T2-RE-0601", "title": "Entered twice", "forum": "DAG", "baseline_on": "2025-06-30"},
    ),
}


@pytest.mark.parametrize("register_name", list(IMPORTED))
def test_the_same_given_ref_entered_twice_at_once_is_stored_once_and_refused_once(register_name, racers, hold_together):
    (target, name), url, body = IMPORTED[register_name]
    MeetingFactory(group=dag(), number="26", starts_at=at(datetime.date(2024, 11, 13)))
    gate = hold_together(target, name, parties=2)

    responses = post_all(racers[:2], url, [dict(body), dict(body)])

    gate.assert_all_passed()
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201, 400], [(r.status_code, r.content[:300]) for r in responses]
    refused = next(response for response in responses if response.status_code == 400)
    assert "already exists" in str(refused.json())


def test_the_same_meeting_scheduled_twice_at_once_is_stored_once_and_refused_once(racers, hold_together):
    group = dag()
    # Both requests have passed the "already exists?" check when they validate the new meeting.
    gate = hold_together(Meeting, "full_clean", parties=2)
    body = {"group": group.code, "number": "29", "starts_at": "2025-02-12T10:00:00Z"}

    responses = post_all(racers[:2], "/api/meetings/", [body, dict(body)])

    gate.assert_all_passed()
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201, 400], [(r.status_code, r.content[:300]) for r in responses]
    assert Meeting.objects.filter(ref="DAG29").count() == 1


def test_packs_requested_at_once_take_consecutive_versions(monkeypatch):
    meeting = MeetingFactory(group=dag(), number="26", starts_at=at(datetime.date(2024, 11, 13)))
    meeting.agenda_items.create(position=1, title="Welcome", duration_minutes=5)
    chairs = [UserFactory(username=f"chair-{n}", role=CHAIR) for n in range(4)]
    # Rendering is not under test: only the version each request takes.
    monkeypatch.setattr(meeting_services, "_queue_render", lambda pack: None)

    packs = race(
        [
            lambda chair=chair: meeting_services.pack_request(meeting=meeting, kind=PackKind.PAPERS, actor=chair)
            for chair in chairs
        ]
    )

    assert sorted(pack.minor for pack in packs) == [0, 1, 2, 3]
    assert MeetingPack.objects.filter(meeting=meeting).count() == 4
