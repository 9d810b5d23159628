"""Packs printed to PDF by WeasyPrint through meetings.services.pack_render: the stored file and its metadata, the
PDF's text (read back with pypdf), page references, idempotent re-runs, failures and retries."""

import hashlib
import io
import re

import pypdf
import pytest

from core.exceptions import WorkflowError
from meetings import packs, services
from meetings.choices import PackKind, PackStatus
from meetings.models import MeetingPack
from tests.packs.conftest import AGENDA, HEADINGS, PUBLIC, RESTRICTED, new_pack, tiny_pdf

try:
    import weasyprint  # noqa: F401  (needs Pango, which a bare machine may lack)
except (ImportError, OSError) as missing:  # ImportError without the package, OSError without Pango
    pytest.skip(f"WeasyPrint cannot be imported ({missing}): no PDF to render", allow_module_level=True)

# pack_render prints each pack's HTML with WeasyPrint. The fixtures compose the same HTML for the same records
# in every test (fixed dates, refs in URLs), and printing is a pure function of the HTML, so each distinct
# HTML is printed once per session and reused: a handful of real renders instead of one per test.
_real_print_pdf = packs.print_pdf
_printed: dict[str, tuple[bytes, int]] = {}


@pytest.fixture(autouse=True)
def print_each_html_once(monkeypatch):
    def print_pdf(html):
        if html not in _printed:
            _printed[html] = _real_print_pdf(html)
        return _printed[html]

    monkeypatch.setattr(packs, "print_pdf", print_pdf)


def pdf_bytes(pack: MeetingPack) -> bytes:
    with pack.file.open("rb") as stored:
        return stored.read()


def pdf_pages(pack: MeetingPack) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf_bytes(pack))).pages]


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def papers(world, render) -> MeetingPack:
    """DAG26's Public papers, rendered."""
    return render(world.meeting)


# --- the stored PDF -------------------------------------------------------------------------------------------


def test_a_rendered_pack_is_ready_with_its_pdf_page_count_checksum_and_render_time(papers, media_root):
    data = pdf_bytes(papers)

    assert papers.status == PackStatus.READY
    assert papers.error == ""
    assert papers.file.name == "packs/DAG/DAG26-papers-v1.0.pdf"
    assert stored_files(media_root) == ["packs/DAG/DAG26-papers-v1.0.pdf"]
    assert data.startswith(b"%PDF-")
    assert papers.pages > 1
    assert papers.pages == len(pypdf.PdfReader(io.BytesIO(data)).pages)
    assert papers.checksum == hashlib.sha256(data).hexdigest()
    assert papers.render_seconds is not None
    assert papers.rendered_at is not None
    assert set(papers.section_digests) == set(HEADINGS)


def test_the_pdf_text_has_the_meeting_title_classification_page_numbers_and_the_public_refs_only(world, papers):
    text = "\n".join(pdf_pages(papers))

    assert "Design Advisory Group #26" in text
    assert "Document Classification: Public" in text
    assert "Page 1 of" in text
    for kind, refs in world.public.items():
        for ref in refs:
            assert ref in text, f"{kind} {ref} missing from the PDF"
    for kind, refs in {**world.restricted}.items():
        for ref in refs:
            assert ref not in text, f"Restricted {kind} {ref} printed in a Public pack"
    for kind, refs in world.absent.items():
        for ref in refs:
            assert ref not in text, f"{kind} {ref} does not belong in DAG26's papers"
    assert "Score increased from" in text, "risk movement"
    assert "Green Amber Amber" in text, "previous, current and forecast RAG of T3-DB-0101, as known at the issue"


def test_every_page_carries_the_classification_version_and_page_x_of_y(papers):
    pages = pdf_pages(papers)

    for number, text in enumerate(pages, start=1):
        assert "Document Classification: Public" in text, f"page {number}"
        assert "v1.0 · MHHS-DEL2026" in text, f"page {number}"
        assert f"Page {number} of {len(pages)}" in text, f"page {number}"


def test_the_cover_is_the_first_page_of_the_pdf(papers):
    first = pdf_pages(papers)[0]

    assert "MARKET-WIDE HALF-HOURLY SETTLEMENT PROGRAMME" in first
    assert "Meeting papers" in first
    assert "Page 1 of" in first


def test_the_agenda_gives_the_page_on_which_each_section_starts(papers):
    pages = pdf_pages(papers)
    agenda = next(text for text in pages if text.startswith("Agenda"))

    listed = {}
    for position, (title, *_rest) in enumerate(AGENDA, start=1):
        row = re.search(rf"^{position} {re.escape(title)} .*?\d+ mins\n(\d+)$", agenda, re.S | re.M)
        assert row is not None, f"agenda row {position} has no page number:\n{agenda}"
        listed[f"item-{position}"] = int(row.group(1))
    # An information item with nothing but its objective flows on after the agenda; the others start a page.
    starts = {
        anchor: [
            number for number, text in enumerate(pages, start=1) if re.search(rf"^{re.escape(heading)}$", text, re.M)
        ]
        for anchor, heading in HEADINGS.items()
    }

    assert starts == {anchor: [page] for anchor, page in listed.items()}
    assert not pages[listed["item-1"] - 1].startswith(HEADINGS["item-1"]), "the welcome shares the agenda's page"
    for anchor in ("item-2", "item-3", "item-4", "item-5", "item-6"):
        assert pages[listed[anchor] - 1].startswith(HEADINGS[anchor]), anchor
    assert sorted(listed.values()) == list(listed.values()), "sections follow the agenda's order"


def test_a_restricted_pdf_prints_the_restricted_refs(world, render):
    pack = render(world.meeting, classification=RESTRICTED)
    text = "\n".join(pdf_pages(pack))

    assert pack.file.name == "packs/DAG/DAG26-papers-v1.0-restricted.pdf"
    assert "Document Classification: Restricted" in text
    for refs in (*world.restricted.values(), *world.public.values()):
        for ref in refs:
            assert ref in text


def test_the_headline_report_pdf_has_the_report_actions_decisions_discussion_votes_and_next_meeting(world, render):
    pack = render(world.meeting, kind=PackKind.HEADLINE_REPORT)
    text = "\n".join(pdf_pages(pack))

    assert pack.status == PackStatus.READY
    assert pack.file.name == "packs/DAG/DAG26-headline-report-v1.0.pdf"
    assert "Design Advisory Group (DAG) Headline Report" in text
    assert "DAG26-01 Baseline Publish the design baseline v2" in text
    assert f"{world.decisions['public'].ref} Baseline The group agreed the design baseline v2" in text
    assert "Walkthrough of the API spec" in text
    assert "One voted to reject, one to approve" in text
    assert "Design Advisory Group #27: Wednesday 17 April 2024, 10:00" in text
    assert world.decisions["restricted"].ref not in text
    assert "Document Classification: Public" in text


# --- idempotence ----------------------------------------------------------------------------------------------


def test_rendering_a_ready_pack_again_keeps_its_one_file(papers, media_root):
    from meetings.tasks import render_pack

    again = services.pack_render(papers.pk)
    status = render_pack.delay(papers.pk).get()

    assert status == PackStatus.READY
    again.refresh_from_db()
    assert (again.file.name, again.checksum, again.rendered_at) == (
        papers.file.name,
        papers.checksum,
        papers.rendered_at,
    )
    assert stored_files(media_root) == ["packs/DAG/DAG26-papers-v1.0.pdf"]


def test_a_rerun_after_a_lost_worker_replaces_its_own_file_instead_of_adding_one(papers, media_root):
    # The worker died after saving the file but before recording it: the row still says rendering.
    MeetingPack.objects.filter(pk=papers.pk).update(status=PackStatus.RENDERING, file="", checksum="")

    rerun = services.pack_render(papers.pk)

    assert rerun.status == PackStatus.READY
    assert rerun.file.name == papers.file.name
    assert rerun.checksum == hashlib.sha256(pdf_bytes(rerun)).hexdigest()
    assert stored_files(media_root) == ["packs/DAG/DAG26-papers-v1.0.pdf"]


# --- failures and retries -------------------------------------------------------------------------------------


def _broken_printer(html):
    raise RuntimeError("Failed to load image at 'static/img/missing-logo.png'")


def test_a_failed_render_stores_its_error_and_leaves_the_earlier_version_intact(
    world, papers, render, monkeypatch, media_root, client_for
):
    monkeypatch.setattr(packs, "print_pdf", _broken_printer)

    failed = render(world.meeting)

    assert failed.version == "1.1"
    assert failed.status == PackStatus.FAILED
    assert failed.error == "RuntimeError: Failed to load image at 'static/img/missing-logo.png'"
    assert not failed.file
    assert failed.pages is None and failed.checksum == ""
    earlier = MeetingPack.objects.get(pk=papers.pk)
    assert (earlier.status, earlier.file.name, earlier.checksum) == (
        PackStatus.READY,
        papers.file.name,
        papers.checksum,
    )
    assert stored_files(media_root) == ["packs/DAG/DAG26-papers-v1.0.pdf"]
    download = client_for("Participant").get(earlier.get_download_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == papers.checksum


def test_a_failed_pack_is_retried_and_renders(world, monkeypatch, render, django_capture_on_commit_callbacks):
    monkeypatch.setattr(packs, "print_pdf", _broken_printer)
    failed = render(world.meeting)
    assert failed.status == PackStatus.FAILED
    monkeypatch.setattr(packs, "print_pdf", lambda html: (tiny_pdf(3), 3))

    with django_capture_on_commit_callbacks(execute=False) as queued:
        requeued = services.pack_retry(pack=failed, actor=None)
    assert (requeued.status, requeued.error) == (PackStatus.QUEUED, "")
    assert len(queued) == 1, "the render is queued on commit"
    queued[0]()

    failed.refresh_from_db()
    assert (failed.status, failed.pages, failed.version) == (PackStatus.READY, 3, "1.0")
    assert failed.error == ""


def test_a_ready_or_queued_pack_is_not_retried(papers, world):
    queued = new_pack(world.meeting)

    with pytest.raises(WorkflowError, match="Only a failed render is retried; this one is ready"):
        services.pack_retry(pack=papers, actor=None)
    with pytest.raises(WorkflowError, match="this one is queued"):
        services.pack_retry(pack=queued, actor=None)


def test_papers_for_a_meeting_without_an_agenda_are_refused_with_a_clear_message(world):
    with pytest.raises(WorkflowError) as refused:
        services.pack_request(meeting=world.bare, kind=PackKind.PAPERS, actor=None)

    assert refused.value.message == "DAG28 has no agenda yet: add its agenda items before generating the papers."
    assert not MeetingPack.objects.filter(meeting=world.bare).exists()


@pytest.mark.parametrize(
    ("kind", "classification", "message"),
    [
        ("minutes", PUBLIC, "A pack is papers or headline_report."),
        (PackKind.PAPERS, "secret", "Classification is public or restricted."),
    ],
)
def test_an_unknown_kind_or_classification_is_refused(world, kind, classification, message):
    with pytest.raises(WorkflowError) as refused:
        services.pack_request(meeting=world.meeting, kind=kind, classification=classification, actor=None)

    assert refused.value.message == message
    assert not MeetingPack.objects.exists()
