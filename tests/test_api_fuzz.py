"""Schemathesis against the live API: every operation of /api/schema/, fuzzed over HTTP.

pytest-django's live server serves the app on 127.0.0.1 with a small programme in its database (tests/*/
factories.py). The schema is read from /api/schema/ with a DRF token, once as PMO (who may write) and once as a
Participant (who reads, and whose writes must be refused, never a 500). Every operation gets EXAMPLES positive
and EXAMPLES negative cases (schemathesis + Hypothesis, derandomised: a run is reproducible). Half the cases of
an operation with a ref, code or id in its path name a record that exists, and positive bodies name existing
meetings, groups, CRs..., so requests get past "unknown ref" and reach serializers, services and responses.

Checks: no 5xx, and every response conforms to the schema (documented status code, content type, headers and
body). A failure the app is known to still have goes in KNOWN_FAILURES, with its reason: an entry excuses the
failures of named checks on one operation, for listed status codes only (and, where it says so, only one field
of the schema, or only requests of one kind); `pytest -s` prints which entries a run actually used.

schemathesis' own pytest integration (`schemathesis.pytest.from_fixture`) reads `Function._nodeid`, which
pytest 9.2 no longer has; the operations are therefore driven here, one pytest subtest each, through
schemathesis' public API (`APIOperation.as_strategy`, `Case.call`, `Case.validate_response`).
"""

import collections
import dataclasses
import datetime
from collections.abc import Callable

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import Case
from schemathesis import checks as st_checks
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

from changes.choices import ChangeStage
from changes.models import ChangeRequest, ImpactResponse
from core.choices import Classification
from core.roles import PARTICIPANT, PMO
from meetings.choices import PackKind, PackStatus
from meetings.models import Action, AgendaItem, Decision, DiscussionItem, Meeting, MeetingPack, Vote
from milestones.models import Milestone
from notifications import services as notifications_services
from notifications.choices import Kind
from notifications.models import Notification
from notifications.notices import Notice
from programme.choices import GroupLevel
from programme.models import Constituency, GovernanceGroup, Organisation
from raid.choices import RaidKind
from raid.models import RaidItem, RaidTheme
from tests.changes.factories import ChangeRequestFactory, ImpactResponseFactory
from tests.factories import UserFactory
from tests.meetings.factories import ActionFactory, DecisionFactory, MeetingFactory, at, dag
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory
from tests.raid.factories import RaidItemFactory, RaidThemeFactory

# Cases per operation and generation mode (positive, negative).
EXAMPLES = 5

CHECKS = {
    check.__name__: check
    for check in (
        st_checks.not_a_server_error,
        st_checks.status_code_conformance,
        st_checks.content_type_conformance,
        st_checks.response_headers_conformance,
        st_checks.response_schema_conformance,
    )
}


@dataclasses.dataclass(frozen=True)
class Known:
    """A failure the app still has: it excuses the failures of `checks` on its operation, for these response
    status codes only; with `match`, only those whose message contains it (the schema path of one field); with
    `when`, only for the requests it accepts."""

    checks: tuple[str, ...]
    statuses: frozenset[int]
    reason: str
    match: str | None = None
    when: Callable[[Case], bool] | None = None

    def excuses(self, failure, case: Case, status_code: int) -> bool:
        return (
            status_code in self.statuses
            and any(check in type(failure).checks for check in self.checks)
            and (self.match is None or self.match in failure.message)
            and (self.when is None or self.when(case))
        )


# Failures the app is known to still have, by operation ("GET /api/actions/"); none at present.
KNOWN_FAILURES: dict[str, list[Known]] = {}


def fatal_failures(label: str, case: Case, status_code: int, failures) -> list:
    """The failures of a response that no KNOWN_FAILURES entry excuses."""
    known = KNOWN_FAILURES.get(label, [])
    return [failure for failure in failures if not any(entry.excuses(failure, case, status_code) for entry in known)]


# ---------------------------------------------------------------------------------------------------------------
# The programme the fuzzer works on.


def build_programme() -> None:
    """Constituencies and parties, groups, CRs (one Restricted), RAID items, milestones, two meetings with their
    actions, decision, agenda, discussion, vote and a failed pack: a record behind every path of the API."""
    large = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier")
    dno = ConstituencyFactory(code="DNO", name="DNO")
    octopus = OrganisationFactory(name="Octopus Energy", constituency=large)
    OrganisationFactory(name="UK Power Networks", constituency=dno)
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    group = dag()
    GovernanceGroupFactory(code="CDWG", name="Code Drafting Working Group", level=GroupLevel.WORKING, parent=group)
    theme = RaidThemeFactory(name="SIT Execution")

    cr = ChangeRequestFactory(ref="CR018", decision_body=psg, ia_constituencies=[large, dno])
    ChangeRequestFactory(ref="CR019", stage=ChangeStage.IMPACT_ASSESSMENT, mutually_exclusive_with=[cr])
    ChangeRequestFactory(ref="CR020", classification=Classification.RESTRICTED)
    ImpactResponseFactory(change_request=ChangeRequest.objects.get(ref="CR019"), organisation=octopus)

    risk = RaidItemFactory(theme=theme)
    risk.groups.set([group])
    RaidItemFactory(kind=RaidKind.ISSUE, classification=Classification.RESTRICTED)

    first = MilestoneFactory(ref="T1-DB-0001", forum=group)
    MilestoneFactory(ref="T2-DB-0002", forum=group, depends_on=[first])

    meeting = MeetingFactory(group=group, number="26", starts_at=at(datetime.date(2024, 3, 20)))
    MeetingFactory(group=group, number="27", starts_at=at(datetime.date(2024, 4, 17)))
    MeetingFactory(
        group=psg, number="36", starts_at=at(datetime.date(2024, 4, 3)), classification=Classification.RESTRICTED
    )
    ActionFactory(meeting=meeting)
    DecisionFactory(meeting=meeting, change_request=cr)
    AgendaItem.objects.create(meeting=meeting, position=1, title="Welcome", duration_minutes=5)
    AgendaItem.objects.create(meeting=meeting, position=2, title="Change requests", duration_minutes=20)
    DiscussionItem.objects.create(meeting=meeting, position=1, area="Design", text="The group discussed CR018.")
    Vote.objects.create(meeting=meeting, subject="CR018", constituency=large, vote="approve")
    MeetingPack.objects.create(meeting=meeting, kind=PackKind.PAPERS, status=PackStatus.FAILED, error="Boom")


def real_path_values() -> dict[str, dict[str, list]]:
    """Path prefix → path parameter → values that name an existing record (Restricted ones included)."""

    def values(queryset, field):
        return sorted(queryset.values_list(field, flat=True))

    return {
        "/api/constituencies/": {"code": values(Constituency.objects, "code")},
        "/api/organisations/": {"id": values(Organisation.objects, "pk")},
        "/api/governance-groups/": {"code": values(GovernanceGroup.objects, "code")},
        "/api/change-requests/": {"ref": values(ChangeRequest.objects, "ref")},
        "/api/impact-responses/": {"id": values(ImpactResponse.objects, "pk")},
        "/api/raid-items/": {"ref": values(RaidItem.objects, "ref")},
        "/api/milestones/": {"ref": values(Milestone.objects, "ref")},
        "/api/meetings/": {"ref": values(Meeting.objects, "ref")},
        "/api/agenda-items/": {"id": values(AgendaItem.objects, "pk")},
        "/api/actions/": {"ref": values(Action.objects, "ref")},
        "/api/decisions/": {"ref": values(Decision.objects, "ref")},
        "/api/votes/": {"id": values(Vote.objects, "pk")},
        "/api/discussion-items/": {"id": values(DiscussionItem.objects, "pk")},
        "/api/meeting-packs/": {"id": values(MeetingPack.objects, "pk")},
        "/api/notifications/": {"id": values(Notification.objects, "pk")},
    }


def real_body_values() -> dict[str, list]:
    """Body field → values that name an existing record: positive bodies get them, so writes can succeed."""
    meetings = sorted(Meeting.objects.values_list("ref", flat=True))
    groups = sorted(GovernanceGroup.objects.values_list("code", flat=True))
    crs = sorted(ChangeRequest.objects.values_list("ref", flat=True))
    return {
        "meeting": meetings,
        "at_meeting": meetings,
        "group": groups,
        "forum": groups,
        "decision_body": groups,
        "parent": groups,
        "constituency": sorted(Constituency.objects.values_list("code", flat=True)),
        "organisation": sorted(Organisation.objects.values_list("pk", flat=True)),
        "raiser_organisation": sorted(Organisation.objects.values_list("name", flat=True)),
        "owner_organisation": sorted(Organisation.objects.values_list("name", flat=True)),
        "change_request": crs,
        "theme": sorted(RaidTheme.objects.values_list("name", flat=True)),
        "subject": crs,
    }


# ---------------------------------------------------------------------------------------------------------------
# Cases.


def case_strategy(operation, mode: GenerationMode, path_values: dict[str, dict[str, list]]):
    """Cases of `operation` in `mode`; where its path names a record, half of them name an existing one."""
    generated = operation.as_strategy(mode)
    names = [parameter.name for parameter in operation.path_parameters]
    prefix = next((p for p in path_values if operation.path.startswith(p)), None)
    real = {name: path_values[prefix][name] for name in names if prefix and path_values[prefix].get(name)}
    if not real:
        return generated
    existing = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in real.items()}).flatmap(
        lambda chosen: operation.as_strategy(mode, path_parameters={k: str(v) for k, v in chosen.items()})
    )
    return st.one_of(generated, existing)


def with_real_references(case, data, body_values: dict[str, list]) -> None:
    """Points some of a positive body's references at existing records."""
    if not isinstance(case.body, dict):
        return
    for name in sorted(case.body):
        if name in body_values and body_values[name] and data.draw(st.booleans(), label=f"real {name}"):
            case.body[name] = data.draw(st.sampled_from(body_values[name]), label=name)


def negatable(operation) -> bool:
    """Whether schemathesis can make an invalid case of the operation. It cannot when all it takes is a string in
    the path (a ref: any text is a valid one), and would give up only after hundreds of attempts."""
    strings_only = all(parameter.optimized_schema.get("type") == "string" for parameter in operation.path_parameters)
    return bool(len(operation.query) or len(operation.body)) or not strings_only


SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    # No shrinking: a failure is reported as found, with its curl line; shrinking an HTTP case costs minutes.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    report_multiple_bugs=False,
)


@dataclasses.dataclass
class Fuzzer:
    """Sends an operation's cases to the live server, as one user, and checks each response."""

    base_url: str
    headers: dict[str, str] = dataclasses.field(repr=False)
    path_values: dict[str, dict[str, list]] = dataclasses.field(repr=False)
    body_values: dict[str, list] = dataclasses.field(repr=False)
    # Operation → status code → responses, for the sanity checks at the end of the run.
    seen: dict[str, collections.Counter] = dataclasses.field(
        default_factory=lambda: collections.defaultdict(collections.Counter), repr=False
    )
    # "operation status: failure" → how often KNOWN_FAILURES excused it (printed: pytest -s shows what is left).
    excused: collections.Counter = dataclasses.field(default_factory=collections.Counter, repr=False)

    def fuzz(self, operation) -> None:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if mode is GenerationMode.NEGATIVE and not negatable(operation):
                continue
            try:
                self.fuzz_mode(operation, mode)
            except hypothesis.errors.Unsatisfiable:
                # Nothing of this operation can be made invalid (a free-text path parameter, no query or body).
                assert mode is GenerationMode.NEGATIVE, f"{operation.label}: no case could be generated"

    def fuzz_mode(self, operation, mode: GenerationMode) -> None:
        @SETTINGS
        @given(case=case_strategy(operation, mode, self.path_values), data=st.data())
        def run(case, data):
            if mode is GenerationMode.POSITIVE:
                with_real_references(case, data, self.body_values)
            self.check(operation, mode, case)

        run()

    def check(self, operation, mode: GenerationMode, case) -> None:
        __tracebackhide__ = True
        response = case.call(base_url=self.base_url, headers=self.headers)
        self.seen[operation.label][response.status_code] += 1
        try:
            case.validate_response(response, checks=list(CHECKS.values()), headers=self.headers)
        except FailureGroup as group:
            failures = fatal_failures(operation.label, case, response.status_code, group.exceptions)
            for failure in group.exceptions:
                if all(failure is not fatal for fatal in failures):
                    self.excused[f"{operation.label} {response.status_code}: {failure.title}"] += 1
            if failures:
                report = "\n\n".join(f"{failure.title}\n{failure.message}" for failure in failures)
                curl = case.as_curl_command(headers=self.headers, base_url=self.base_url)
                raise AssertionError(
                    f"{operation.label} ({mode.value} case) answered {response.status_code}:\n\n{report}\n\n"
                    f"Response: {response.text[:1000]}\n\nReproduce with:\n    {curl}"
                ) from None


# ---------------------------------------------------------------------------------------------------------------
# The tests.


@pytest.fixture
def fuzz_media(settings, tmp_path):
    # Packs rendered during the run land in a temporary MEDIA_ROOT, never in the repository.
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.mark.parametrize("role", [PMO, PARTICIPANT])
def test_api_conforms_to_its_schema(role, live_server, fuzz_media, subtests):
    """No 5xx and no response outside the schema, as PMO (who may write) and as a Participant (refused writes)."""
    build_programme()
    user = UserFactory(username=f"fuzz-{role.lower()}", role=role)
    token = Token.objects.create(user=user)
    # An inbox to read: a notice about a Public meeting.
    notifications_services.notice_write(
        Notice(user, Kind.HEADLINE_ISSUED, "fuzz:headline", "Headline report issued", "", Meeting.objects.first())
    )
    base_url = f"http://127.0.0.1:{live_server.thread.port}"
    headers = {"Authorization": f"Token {token.key}"}
    schema = schemathesis.openapi.from_url(f"{base_url}/api/schema/", headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 70, f"the schema has lost operations: {len(operations)}"

    fuzzer = Fuzzer(base_url, headers, real_path_values(), real_body_values())
    for operation in operations:
        with subtests.test(msg=operation.label):
            fuzzer.fuzz(operation)

    print(
        f"KNOWN_FAILURES excused, as {role}:",
        *sorted(f"{n:4} × {what}" for what, n in fuzzer.excused.items()),
        sep="\n  ",
    )

    # The run reached the app: the token was accepted everywhere, and records were found, read and written.
    seen = fuzzer.seen
    assert not [label for label, statuses in seen.items() if 401 in statuses], "the token was refused"
    succeeded = {label for label, statuses in seen.items() if any(200 <= code < 300 for code in statuses)}
    reads = {operation.label for operation in operations if operation.method.upper() == "GET"}
    assert reads - {"GET /api/meetings/{ref}/votes/"} <= succeeded, f"reads never answered: {reads - succeeded}"
    if role == PMO:
        writes = {operation.label for operation in operations} - reads
        assert len(writes & succeeded) >= len(writes) // 2, f"writes that never succeeded: {writes - succeeded}"
    else:
        # Their own: a token, and marking their own notifications read.
        own = {"POST /api/token/", "POST /api/notifications/{id}/read/"}
        accepted_writes = {label for label in succeeded if not label.startswith("GET ")} - own
        assert not accepted_writes, f"a Participant's writes were accepted: {accepted_writes}"
