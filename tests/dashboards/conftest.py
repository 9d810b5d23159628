"""Fixtures of the dashboard tests: the governance groups, one reader per role with a client of its own."""

import pytest

from core.roles import PARTICIPANT, PMO
from programme.choices import GroupLevel
from tests.dashboards.helpers import signed_in
from tests.factories import UserFactory
from tests.programme.factories import GovernanceGroupFactory


@pytest.fixture
def groups(db):
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    return {
        "PSG": psg,
        "DAG": GovernanceGroupFactory(code="DAG", name="Design Advisory Group", parent=psg),
        "CCAG": GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", parent=psg),
    }


@pytest.fixture
def participant(db):
    return UserFactory(username="alovelace", first_name="Ada", last_name="Lovelace", role=PARTICIPANT)


@pytest.fixture
def pmo(db):
    return UserFactory(username="ghopper", first_name="Grace", last_name="Hopper", role=PMO)


@pytest.fixture
def participant_client(participant):
    return signed_in(participant)


@pytest.fixture
def pmo_client(pmo):
    return signed_in(pmo)
