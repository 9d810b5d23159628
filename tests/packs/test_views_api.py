"""Requesting, following and downloading packs through the API and the meeting page. Printing is replaced by a
two-page blank PDF (fake_printer): what is under test here is the workflow and the permissions around it."""

import pytest

from meetings import packs
from meetings.choices import PackKind, PackStatus
from meetings.models import MeetingPack
from tests.packs.conftest import PUBLIC, RESTRICTED, tiny_pdf

API = "/api/meeting-packs/"
NO_AGENDA = "DAG28 has no agenda yet: add its agenda items before generating the papers."


@pytest.fixture(autouse=True)
def _printer(fake_printer):
    return fake_printer


def _broken_printer(html):
    raise RuntimeError("no fonts")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# --- API ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("PMO", 202), ("Chair", 202), ("Participant", 403), ("anonymous", 401)])
def test_requesting_a_pack_through_the_api_is_for_chairs_and_pmo(world, api_for, role, status):
    response = api_for(role).post(
        API, {"meeting": "DAG26", "kind": "papers", "classification": "public"}, format="json"
    )

    assert response.status_code == status
    assert MeetingPack.objects.count() == (1 if status == 202 else 0)
    if status == 202:
        assert response.data["meeting"] == "DAG26"
        assert response.data["version"] == "1.0"
        assert response.data["status"] == PackStatus.QUEUED, "rendered by the worker after commit"
        assert response.data["file"] is None
        assert response.data["requested_by"] == f"{role.lower()}-user"


def test_an_api_request_without_classification_makes_a_public_pack(world, api_for):
    response = api_for("PMO").post(API, {"meeting": "DAG26", "kind": "headline_report"}, format="json")

    assert response.status_code == 202
    assert response.data["classification"] == PUBLIC


def test_the_api_shows_the_status_and_once_ready_a_file_url_that_downloads_the_pdf(
    world, api_for, client_for, django_capture_on_commit_callbacks
):
    api = api_for("PMO")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        created = api.post(API, {"meeting": "DAG26", "kind": "papers"}, format="json")
    detail = f"{API}{created.data['id']}/"
    assert api.get(detail).data["status"] == PackStatus.QUEUED

    for render in queued:
        render()
    ready = api.get(detail)

    assert ready.status_code == 200
    assert ready.data["status"] == PackStatus.READY
    assert ready.data["pages"] == 2
    assert ready.data["file"] == f"http://testserver/packs/{created.data['id']}/download/"
    download = client_for("Participant").get(ready.data["file"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "DAG26-papers-v1.0.pdf" in download["Content-Disposition"]
    assert body(download) == tiny_pdf(2)


def test_a_participant_cannot_see_or_download_a_restricted_pack_but_can_a_public_one(
    world, render, api_for, client_for
):
    public = render(world.meeting, classification=PUBLIC)
    restricted = render(world.meeting, classification=RESTRICTED)
    api, pages = api_for("Participant"), client_for("Participant")

    assert api.get(f"{API}{restricted.pk}/").status_code == 404
    assert pages.get(restricted.get_download_url()).status_code == 404
    assert [row["id"] for row in api.get(API).data["results"]] == [public.pk]
    assert api.get(f"{API}{public.pk}/").status_code == 200
    download = pages.get(public.get_download_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_earlier_versions_stay_downloadable(world, render, client_for):
    first, second = render(world.meeting), render(world.meeting)
    client = client_for("Participant")

    downloads = [client.get(pack.get_download_url()) for pack in (first, second)]

    assert [d.status_code for d in downloads] == [200, 200]
    assert "DAG26-papers-v1.0.pdf" in downloads[0]["Content-Disposition"]
    assert "DAG26-papers-v1.1.pdf" in downloads[1]["Content-Disposition"]


def test_a_chair_downloads_a_restricted_pack(world, render, client_for):
    restricted = render(world.meeting, classification=RESTRICTED)

    download = client_for("Chair").get(restricted.get_download_url())

    assert download.status_code == 200
    assert "DAG26-papers-v1.0-restricted.pdf" in download["Content-Disposition"]


def test_a_pack_not_yet_rendered_has_no_download(world, client_for, api_for):
    api_for("PMO").post(API, {"meeting": "DAG26", "kind": "papers"}, format="json")
    pack = MeetingPack.objects.get()

    assert client_for("PMO").get(pack.get_download_url()).status_code == 404


def test_an_anonymous_download_is_sent_to_sign_in(world, render, client):
    pack = render(world.meeting)

    response = client.get(pack.get_download_url())

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=/packs/{pack.pk}/download/"


def test_the_pdf_is_not_served_from_a_public_media_url(world, render, client_for):
    pack = render(world.meeting)

    assert client_for("PMO").get(f"/media/{pack.file.name}").status_code == 404
    assert pack.get_download_url() == f"/packs/{pack.pk}/download/"


def test_a_participant_does_not_see_a_public_pack_of_a_restricted_meeting(world, render, api_for, client_for):
    pack = render(world.meeting)
    type(world.meeting).objects.filter(pk=world.meeting.pk).update(classification=RESTRICTED)

    assert api_for("Participant").get(f"{API}{pack.pk}/").status_code == 404
    assert client_for("Participant").get(pack.get_download_url()).status_code == 404
    assert api_for("Chair").get(f"{API}{pack.pk}/").status_code == 200


def test_the_api_refuses_papers_for_a_meeting_without_an_agenda(world, api_for):
    response = api_for("PMO").post(API, {"meeting": "DAG28", "kind": "papers"}, format="json")

    assert response.status_code == 400
    assert response.data == {"detail": [NO_AGENDA]}
    assert not MeetingPack.objects.exists()


def test_the_api_retries_a_failed_pack(world, render, api_for, monkeypatch):
    monkeypatch.setattr(packs, "print_pdf", _broken_printer)
    failed = render(world.meeting)

    response = api_for("PMO").post(f"{API}{failed.pk}/retry/")

    assert response.status_code == 202
    assert (response.data["status"], response.data["error"]) == (PackStatus.QUEUED, "")
    assert api_for("Participant").post(f"{API}{failed.pk}/retry/").status_code == 403


# --- meeting page ---------------------------------------------------------------------------------------------


def test_the_meeting_page_packs_tab_lists_the_packs_with_their_download_links(world, render, client_for):
    ready = render(world.meeting)
    headline = render(world.meeting, kind=PackKind.HEADLINE_REPORT)

    page = client_for("Participant").get("/meetings/DAG26/?tab=packs").content.decode()

    assert "Packs (PDF)" in page
    assert 'data-testid="packs"' in page
    assert f'href="/packs/{ready.pk}/download/"' in page
    assert f'href="/packs/{headline.pk}/download/"' in page
    assert "Generate PDF" not in page, "a Participant does not generate packs"


def test_the_packs_tab_hides_restricted_packs_from_a_participant(world, render, client_for):
    restricted = render(world.meeting, classification=RESTRICTED)

    page = client_for("Participant").get("/meetings/DAG26/packs/").content.decode()

    assert f"/packs/{restricted.pk}/download/" not in page
    assert "No packs generated yet." in page


def test_the_packs_fragment_polls_only_while_a_pack_is_queued_or_rendering(world, render, client_for):
    client = client_for("PMO")
    url = "/meetings/DAG26/packs/"
    assert 'hx-trigger="every 2s"' not in client.get(url).content.decode(), "nothing in progress"

    pack = render(world.meeting)
    assert 'hx-trigger="every 2s"' not in client.get(url).content.decode(), "ready"

    for status in (PackStatus.QUEUED, PackStatus.RENDERING):
        MeetingPack.objects.filter(pk=pack.pk).update(status=status)
        fragment = client.get(url).content.decode()
        assert 'hx-trigger="every 2s"' in fragment, status
        assert f'hx-get="{url}"' in fragment

    MeetingPack.objects.filter(pk=pack.pk).update(status=PackStatus.FAILED, error="RuntimeError: no fonts")
    fragment = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' not in fragment, "failed"
    assert "RuntimeError: no fonts" in fragment
    assert f'action="/packs/{pack.pk}/retry/"' in fragment


def test_requesting_a_pack_from_the_page_with_htmx_returns_the_polling_fragment(world, client_for):
    response = client_for("Chair").post(
        "/meetings/DAG26/packs/new/", {"kind": "papers", "classification": "public"}, HTTP_HX_REQUEST="true"
    )

    fragment = response.content.decode()
    assert response.status_code == 200
    assert '<div id="packs"' in fragment
    assert 'hx-trigger="every 2s"' in fragment, "queued: the fragment polls until it is ready"
    assert "DAG26 Meeting papers v1.0 queued." in fragment
    assert "<html" not in fragment
    assert MeetingPack.objects.get().status == PackStatus.QUEUED


def test_requesting_a_pack_from_the_page_without_htmx_goes_back_to_the_packs_tab(
    world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("PMO").post("/meetings/DAG26/packs/new/", {"kind": "headline_report"})

    assert response.status_code == 302
    assert response["Location"] == "/meetings/DAG26/?tab=packs"
    pack = MeetingPack.objects.get()
    assert (pack.kind, pack.classification, pack.status) == (PackKind.HEADLINE_REPORT, PUBLIC, PackStatus.READY)


def test_a_participant_cannot_request_a_pack_from_the_page(world, client_for):
    response = client_for("Participant").post("/meetings/DAG26/packs/new/", {"kind": "papers"})

    assert response.status_code == 403
    assert not MeetingPack.objects.exists()


def test_requesting_papers_for_a_meeting_without_an_agenda_shows_the_refusal(world, client_for):
    response = client_for("PMO").post("/meetings/DAG28/packs/new/", {"kind": "papers"}, HTTP_HX_REQUEST="true")

    fragment = response.content.decode()
    assert response.status_code == 200
    assert NO_AGENDA in fragment
    assert 'class="alert alert-danger' in fragment
    assert not MeetingPack.objects.exists()


def test_retrying_a_failed_pack_from_the_page_requeues_it(world, render, client_for, monkeypatch):
    monkeypatch.setattr(packs, "print_pdf", _broken_printer)
    failed = render(world.meeting)

    response = client_for("Chair").post(f"/packs/{failed.pk}/retry/")

    assert response.status_code == 302
    assert response["Location"] == "/meetings/DAG26/?tab=packs"
    failed.refresh_from_db()
    assert (failed.status, failed.error) == (PackStatus.QUEUED, "")
