import pytest


@pytest.fixture
def pending_uploads(settings, tmp_path):
    """Files waiting for confirmation are kept under MEDIA_ROOT/imports: here, a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "imports"


@pytest.fixture
def pmo_client(client, pmo_user):
    client.force_login(pmo_user)
    return client
