"""Sign-in throttling (django-axes): a username is paused after repeated failures from one address; the same
address can still sign in other users, and the same user from another address."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.10"
HOME = "198.51.100.7"


@pytest.fixture(autouse=True)
def _throttling_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def sign_in(client, username, password, address):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_repeated_failures_pause_that_user_from_that_address(client):
    UserFactory(username="victim")
    for _ in range(3):
        sign_in(client, "victim", "wrong", OFFICE)

    response = sign_in(client, "victim", "correct-horse-battery", OFFICE)

    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


def test_colleagues_behind_the_same_address_can_still_sign_in(client):
    UserFactory(username="victim")
    UserFactory(username="colleague")
    for _ in range(3):
        sign_in(client, "victim", "wrong", OFFICE)

    response = sign_in(client, "colleague", "correct-horse-battery", OFFICE)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_user_can_still_sign_in_from_another_address(client):
    UserFactory(username="victim")
    for _ in range(3):
        sign_in(client, "victim", "wrong", OFFICE)

    response = sign_in(client, "victim", "correct-horse-battery", HOME)

    assert response.status_code == 302


def test_a_wrong_password_below_the_limit_shows_the_form_error(client):
    UserFactory(username="victim")

    response = sign_in(client, "victim", "wrong", OFFICE)

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
