"""Fixtures of the dashboard tests: the governance groups, one reader per role with a client of its own."""

import pytest

from core.roles import PARTICIPANT, PMO
from tests.dashboards.helpers import signed_in
from tests.factories import UserFactory


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
