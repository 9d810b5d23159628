"""Who may do what: every page and API route that exists, for each role, with the status it must answer.

LOGIN    = 302 to /login/?next=<path>   (pages never show anything to anonymous visitors)
REFUSED  = 401 or 403, never a 500     (the API never redirects a machine client)
A write that answers 2xx/302 must have landed; a refused write must have changed nothing.

    method  path                           anonymous  Participant  Chair  PMO
    ------  -----------------------------  ---------  -----------  -----  ---
    GET     /                              LOGIN      200          200    200
    GET     /groups/                       LOGIN      200          200    200
    GET     /groups/PSG/                   LOGIN      200          200    200
    GET     /groups/new/                   LOGIN      403          403    200
    POST    /groups/new/                   LOGIN      403          403    302 (created)
    GET     /groups/PSG/edit/              LOGIN      403          403    200
    POST    /groups/PSG/edit/              LOGIN      403          403    302 (saved)
    GET     /organisations/                LOGIN      200          200    200
    GET     /organisations/<id>/           LOGIN      200          200    200
    GET     /organisations/new/            LOGIN      403          403    200
    GET     /organisations/<id>/edit/      LOGIN      403          403    200
    GET     /constituencies/               LOGIN      200          200    200
    GET     /constituencies/DNO/           LOGIN      200          200    200
    GET     /constituencies/new/           LOGIN      403          403    200
    GET     /constituencies/DNO/edit/      LOGIN      403          403    200
    GET     /api/                          REFUSED    200          200    200
    GET     /api/governance-groups/        REFUSED    200          200    200
    GET     /api/governance-groups/PSG/    REFUSED    200          200    200
    POST    /api/governance-groups/        REFUSED    403          403    201
    PATCH   /api/governance-groups/PSG/    REFUSED    403          403    200
    GET     /api/organisations/            REFUSED    200          200    200
    GET     /api/organisations/<id>/       REFUSED    200          200    200
    POST    /api/organisations/            REFUSED    403          403    201
    PATCH   /api/organisations/<id>/       REFUSED    403          403    200
    GET     /api/constituencies/           REFUSED    200          200    200
    GET     /api/constituencies/DNO/       REFUSED    200          200    200
    POST    /api/constituencies/           REFUSED    403          403    201
    PATCH   /api/constituencies/DNO/       REFUSED    403          403    200
    GET     /api/schema/                   REFUSED    200          200    200
    GET     /api/docs/                     REFUSED    200          200    200
    GET     /changes/                      LOGIN      200          200    200
    GET     /changes/status/               LOGIN      200          200    200
    GET     /changes/CR100/                LOGIN      200          200    200
    GET     /changes/CR101/  (Restricted)  LOGIN      404          200    200
    GET     /changes/new/                  LOGIN      403          403    200
    GET     /changes/CR100/edit/           LOGIN      403          403    200
    POST    /changes/CR100/transitions/validate/  LOGIN  403       403    302 (validated)
    GET     /api/change-requests/          REFUSED    200          200    200
    GET     /api/change-requests/CR100/    REFUSED    200          200    200
    GET     /api/change-requests/CR101/    REFUSED    404          200    200   (Restricted)
    GET     /api/change-requests/CR100/impact-summary/  REFUSED  200  200    200
    POST    /api/change-requests/          REFUSED    403          403    201
    POST    /api/change-requests/CR100/transitions/validate/  REFUSED  403  403  200
    GET     /api/impact-responses/         REFUSED    200          200    200
    POST    /api/impact-responses/  (CR102 in IA)  REFUSED  403  403    201 (on the party's behalf)
    POST    /changes/CR102/responses/      LOGIN      403          403    302 (on the party's behalf)
    GET     /api/meetings/DAG1/vote-rounds/  REFUSED  200          200    200
    POST    /api/meetings/DAG1/vote-rounds/  REFUSED  403          201    201
    POST    /meetings/DAG1/vote-rounds/new/  LOGIN    403          302    302
    GET     /inbox/                        LOGIN      200          200    200
    GET     /inbox/preferences/            LOGIN      200          200    200
    GET     /inbox/outbox/                 LOGIN      403          403    200
    GET     /inbox/unsubscribe/forged/     400        400          400    400   (no sign-in; a forged link)
    GET     /api/notifications/            REFUSED    200          200    200
    GET     /health/                       200        200          200    200   (liveness probe, public)
"""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from changes.choices import ChangeStage
from changes.models import ChangeRequest, ImpactResponse
from changes.services import change_request_create
from core.choices import Classification
from meetings.models import VoteRound
from meetings.services import meeting_create
from programme.choices import GroupLevel
from programme.forms import GovernanceGroupForm
from programme.models import Constituency, GovernanceGroup, Organisation
from tests.changes.factories import ChangeRequestFactory
from tests.conftest import ROLES
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory

LOGIN = "LOGIN"
REFUSED = "REFUSED"

MATRIX = [
    # method  path                            anonymous  Participant  Chair  PMO
    ("GET", "/", LOGIN, 200, 200, 200),
    ("GET", "/groups/", LOGIN, 200, 200, 200),
    ("GET", "/groups/PSG/", LOGIN, 200, 200, 200),
    ("GET", "/groups/new/", LOGIN, 403, 403, 200),
    ("POST", "/groups/new/", LOGIN, 403, 403, 302),
    ("GET", "/groups/PSG/edit/", LOGIN, 403, 403, 200),
    ("POST", "/groups/PSG/edit/", LOGIN, 403, 403, 302),
    ("GET", "/organisations/", LOGIN, 200, 200, 200),
    ("GET", "/organisations/{org}/", LOGIN, 200, 200, 200),
    ("GET", "/organisations/new/", LOGIN, 403, 403, 200),
    ("GET", "/organisations/{org}/edit/", LOGIN, 403, 403, 200),
    ("GET", "/constituencies/", LOGIN, 200, 200, 200),
    ("GET", "/constituencies/DNO/", LOGIN, 200, 200, 200),
    ("GET", "/constituencies/new/", LOGIN, 403, 403, 200),
    ("GET", "/constituencies/DNO/edit/", LOGIN, 403, 403, 200),
    ("GET", "/api/", REFUSED, 200, 200, 200),
    ("GET", "/api/governance-groups/", REFUSED, 200, 200, 200),
    ("GET", "/api/governance-groups/PSG/", REFUSED, 200, 200, 200),
    ("POST", "/api/governance-groups/", REFUSED, 403, 403, 201),
    ("PATCH", "/api/governance-groups/PSG/", REFUSED, 403, 403, 200),
    ("GET", "/api/organisations/", REFUSED, 200, 200, 200),
    ("GET", "/api/organisations/{org}/", REFUSED, 200, 200, 200),
    ("POST", "/api/organisations/", REFUSED, 403, 403, 201),
    ("PATCH", "/api/organisations/{org}/", REFUSED, 403, 403, 200),
    ("GET", "/api/constituencies/", REFUSED, 200, 200, 200),
    ("GET", "/api/constituencies/DNO/", REFUSED, 200, 200, 200),
    ("POST", "/api/constituencies/", REFUSED, 403, 403, 201),
    ("PATCH", "/api/constituencies/DNO/", REFUSED, 403, 403, 200),
    ("GET", "/api/schema/", REFUSED, 200, 200, 200),
    ("GET", "/api/docs/", REFUSED, 200, 200, 200),
    ("GET", "/changes/", LOGIN, 200, 200, 200),
    ("GET", "/changes/status/", LOGIN, 200, 200, 200),
    ("GET", "/changes/CR100/", LOGIN, 200, 200, 200),
    ("GET", "/changes/CR101/", LOGIN, 404, 200, 200),
    ("GET", "/changes/new/", LOGIN, 403, 403, 200),
    ("GET", "/changes/CR100/edit/", LOGIN, 403, 403, 200),
    ("POST", "/changes/CR100/transitions/validate/", LOGIN, 403, 403, 302),
    ("GET", "/api/change-requests/", REFUSED, 200, 200, 200),
    ("GET", "/api/change-requests/CR100/", REFUSED, 200, 200, 200),
    ("GET", "/api/change-requests/CR101/", REFUSED, 404, 200, 200),
    ("GET", "/api/change-requests/CR100/impact-summary/", REFUSED, 200, 200, 200),
    ("POST", "/api/change-requests/", REFUSED, 403, 403, 201),
    ("POST", "/api/change-requests/CR100/transitions/validate/", REFUSED, 403, 403, 200),
    ("GET", "/api/impact-responses/", REFUSED, 200, 200, 200),
    ("POST", "/api/impact-responses/", REFUSED, 403, 403, 201),
    ("POST", "/changes/CR102/responses/", LOGIN, 403, 403, 302),
    ("GET", "/api/meetings/DAG1/vote-rounds/", REFUSED, 200, 200, 200),
    ("POST", "/api/meetings/DAG1/vote-rounds/", REFUSED, 403, 201, 201),
    ("POST", "/meetings/DAG1/vote-rounds/new/", LOGIN, 403, 302, 302),
    ("GET", "/inbox/", LOGIN, 200, 200, 200),
    ("GET", "/inbox/preferences/", LOGIN, 200, 200, 200),
    ("GET", "/inbox/outbox/", LOGIN, 403, 403, 200),
    ("GET", "/inbox/unsubscribe/forged/", 400, 400, 400, 400),
    ("GET", "/api/notifications/", REFUSED, 200, 200, 200),
    ("GET", "/health/", 200, 200, 200, 200),
]

# What each write sends, and how to tell that it landed.
WRITES = {
    ("POST", "/groups/new/"): (
        lambda data: {"code": "MATRIXWG", "name": "Matrix WG", "level": 4, "parent": data["PSG"].pk},
        lambda: GovernanceGroup.objects.filter(code="MATRIXWG").exists(),
    ),
    ("POST", "/groups/PSG/edit/"): (
        lambda data: edit_form_data(GovernanceGroupForm(instance=data["PSG"]), chair="Matrix chair"),
        lambda: GovernanceGroup.objects.get(code="PSG").chair == "Matrix chair",
    ),
    ("POST", "/api/governance-groups/"): (
        lambda data: {"code": "MATRIXWG", "name": "Matrix WG", "level": 4, "parent": "PSG"},
        lambda: GovernanceGroup.objects.filter(code="MATRIXWG").exists(),
    ),
    ("PATCH", "/api/governance-groups/PSG/"): (
        lambda data: {"chair": "Matrix chair"},
        lambda: GovernanceGroup.objects.get(code="PSG").chair == "Matrix chair",
    ),
    ("POST", "/api/organisations/"): (
        lambda data: {"name": "Matrix Ltd", "constituency": "DNO"},
        lambda: Organisation.objects.filter(name="Matrix Ltd").exists(),
    ),
    ("PATCH", "/api/organisations/{org}/"): (
        lambda data: {"name": "Renamed Ltd"},
        lambda: Organisation.objects.filter(name="Renamed Ltd").exists(),
    ),
    ("POST", "/api/constituencies/"): (
        lambda data: {"code": "MATRIX_SEAT", "name": "Matrix seat"},
        lambda: Constituency.objects.filter(code="MATRIX_SEAT").exists(),
    ),
    ("PATCH", "/api/constituencies/DNO/"): (
        lambda data: {"name": "Distribution Network Operator"},
        lambda: Constituency.objects.get(code="DNO").name == "Distribution Network Operator",
    ),
    ("POST", "/changes/CR100/transitions/validate/"): (
        lambda data: {"version": data["CR100"].version},
        lambda: ChangeRequest.objects.get(ref="CR100").stage == ChangeStage.VALIDATED,
    ),
    ("POST", "/api/change-requests/"): (
        lambda data: {"title": "Matrix change"},
        lambda: ChangeRequest.objects.filter(title="Matrix change").exists(),
    ),
    ("POST", "/api/change-requests/CR100/transitions/validate/"): (
        lambda data: {},
        lambda: ChangeRequest.objects.get(ref="CR100").stage == ChangeStage.VALIDATED,
    ),
    ("POST", "/api/impact-responses/"): (
        lambda data: {"change_request": "CR102", "organisation": data["org"].pk, "response": "support"},
        lambda: ImpactResponse.objects.filter(change_request__ref="CR102", on_behalf=True).exists(),
    ),
    ("POST", "/changes/CR102/responses/"): (
        lambda data: {"organisation": data["org"].pk, "response": "reject"},
        lambda: ImpactResponse.objects.filter(change_request__ref="CR102", on_behalf=True).exists(),
    ),
    ("POST", "/api/meetings/DAG1/vote-rounds/"): (
        lambda data: {"subject": "CR100"},
        lambda: VoteRound.objects.filter(meeting__ref="DAG1", subject="CR100").exists(),
    ),
    ("POST", "/meetings/DAG1/vote-rounds/new/"): (
        lambda data: {"round-subject": "CR100"},
        lambda: VoteRound.objects.filter(meeting__ref="DAG1", subject="CR100").exists(),
    ),
}


def edit_form_data(form, **changes):
    """What the edit page's form posts back unchanged (hidden fields such as the version included), plus
    `changes`."""
    data = {bound.name: bound.value() for bound in form if bound.value() not in (None, "", False)}
    return {**{name: "on" if value is True else value for name, value in data.items()}, **changes}


CELLS = [
    pytest.param(method, path, role, expected, id=f"{role}-{method}-{path}")
    for method, path, *expected_by_role in MATRIX
    for role, expected in zip(ROLES, expected_by_role, strict=True)
]


@pytest.fixture
def reference_data(db):
    dno = ConstituencyFactory(code="DNO", name="DNO")
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    dag = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY, parent=psg)
    today = timezone.localdate()
    return {
        "PSG": psg,
        "DAG1": meeting_create(
            actor=None, group=dag, number="1", starts_at=timezone.now() - datetime.timedelta(days=1)
        ),
        # In its impact-assessment window: the PMO enter a party's answer.
        "CR102": ChangeRequestFactory(
            ref="CR102",
            title="Change in impact assessment",
            stage=ChangeStage.IMPACT_ASSESSMENT,
            ia_opens_on=today - datetime.timedelta(days=3),
            ia_closes_on=today + datetime.timedelta(days=10),
        ),
        "DNO": dno,
        "org": OrganisationFactory(name="UKPN", constituency=dno),
        "CR100": change_request_create(actor=None, ref="CR100", title="Public change"),
        "CR101": change_request_create(
            actor=None, ref="CR101", title="Restricted change", classification=Classification.RESTRICTED
        ),
    }


def test_the_matrix_covers_every_role():
    assert ROLES == ("anonymous", "Participant", "Chair", "PMO")
    assert all(len(row) == 2 + len(ROLES) for row in MATRIX)
    assert set(WRITES) == {(method, path) for method, path, *_ in MATRIX if method != "GET"}


@pytest.mark.parametrize(("method", "template", "role", "expected"), CELLS)
def test_role_gets_expected_status(reference_data, client, user_for_role, method, template, role, expected):
    path = template.format(org=reference_data["org"].pk)
    user = user_for_role(role)
    is_api = path.startswith("/api/")
    if is_api:
        caller = APIClient()
        if user is not None:
            caller.force_authenticate(user)
    else:
        caller = client
        if user is not None:
            caller.force_login(user)
    payload, landed = WRITES.get((method, template), (None, None))
    data = payload(reference_data) if payload else None
    send = getattr(caller, method.lower())
    response = send(path, data, format="json") if is_api else send(path, data)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/login/?next={path}"
    elif expected == REFUSED:
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == expected
    if landed is not None:
        assert landed() is (expected in (200, 201, 302))
