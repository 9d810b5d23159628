"""The PSG #36 and CCAG #36 papers and headline reports printed from the demo, read back from the PDFs with pypdf
and held against the seed papers' structure (../shared/seeds): the actions review and "Previous Meeting(s)" with
their latest updates, nothing overdue that was not overdue on the paper's date, refs in agenda and ref order, and
refs that never wrap."""

import re

import pypdf
import pytest

from meetings.choices import PackKind
from meetings.models import Meeting
from tests.packs.demo import demo_programme, print_pack

try:
    import weasyprint  # noqa: F401  (needs Pango, which a bare machine may lack)
except (ImportError, OSError) as missing:
    pytest.skip(f"WeasyPrint cannot be imported ({missing}): no PDF to render", allow_module_level=True)

# django_db: the session sets up the test database only for modules whose tests ask for it.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# What the seed papers list under "review of outstanding actions", in their order.
PSG36_REVIEW = ["PSG35-01", "PSG35-02", "PSG35-03", "PSG35-04", "PSG34-01", "PSG34-02", "PSG33-01"]
CCAG36_REVIEW = ["CCAG35-01", "CCAG35-02", "CCAG35-03", "CCAG35-04"]
ACTION_REF = re.compile(r"\b(?:PSG|CCAG)\d+(?:\.\d+)?-\d{2}\b")


@pytest.fixture(scope="module")
def papers(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once, in a transaction rolled back at the end, and each paper printed once: {(meeting ref,
    kind): the PDF's text}."""
    texts = {}
    with demo_programme(django_db_blocker, tmp_path_factory.mktemp("demo-papers")):
        # PSG35's agenda is not in the seeds: only its headline report is printed.
        for ref, kinds in (
            ("PSG35", [PackKind.HEADLINE_REPORT]),
            ("PSG36", PackKind.values),
            ("CCAG36", PackKind.values),
        ):
            meeting = Meeting.objects.get(ref=ref)
            for kind in kinds:
                with print_pack(meeting, kind).file.open("rb") as pdf:
                    texts[(ref, kind)] = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
        yield texts


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def rows(text: str) -> dict[str, str]:
    """Each action's row text, from its ref to the next ref."""
    found = list(ACTION_REF.finditer(text))
    return {
        match.group(): text[match.end() : found[i + 1].start() if i + 1 < len(found) else len(text)]
        for i, match in enumerate(found)
    }


def test_the_psg36_papers_review_the_outstanding_actions_as_the_seed_lists_them(papers):
    review = section(papers[("PSG36", "papers")], "Actions review", "3. Update on M6")

    assert ACTION_REF.findall(review) == PSG36_REVIEW, "the latest meeting's first, then in ref order"
    by_ref = rows(review)
    assert "Recommend" in by_ref["PSG35-01"] and "Elexon met with the relevant PP" in by_ref["PSG35-01"]
    assert "Awaiting response from Ofgem." in by_ref["PSG35-04"], "the latest update as the papers printed it"


def test_a_paper_calls_overdue_only_what_was_overdue_on_its_date(papers):
    by_ref = rows(section(papers[("PSG36", "papers")], "Actions review", "3. Update on M6"))

    # Due 04/09/2024, the day of PSG #36: due, not late. Due 07/08/2024 and 03/07/2024: late by then.
    for ref in ("PSG35-01", "PSG35-02", "PSG35-03", "PSG35-04"):
        assert "Due soon" in by_ref[ref] and "Overdue" not in by_ref[ref], ref
    for ref in ("PSG34-01", "PSG34-02", "PSG33-01"):
        assert "Overdue" in by_ref[ref], ref


def test_the_psg36_headline_report_lists_the_earlier_meetings_actions_still_open_after_it(papers):
    report = papers[("PSG36", PackKind.HEADLINE_REPORT)]
    earlier = section(report, "Previous Meeting(s)", "Decisions")

    # PSG35-01 to -03 were recommended closed in the papers and closed at PSG #36; the rest are still open.
    assert ACTION_REF.findall(earlier) == ["PSG35-04", "PSG34-01", "PSG34-02", "PSG33-01"]
    assert "Elexon to provide updates as available." in earlier
    assert "Status as at 04 September 2024" in report


def test_the_ccag36_papers_and_headline_report_list_only_ccag35s_actions(papers):
    review = section(papers[("CCAG36", "papers")], "Actions review", "3. Horizon Scanning Log")
    earlier = section(papers[("CCAG36", PackKind.HEADLINE_REPORT)], "Previous Meeting(s)", "Decisions")

    assert ACTION_REF.findall(review) == CCAG36_REVIEW, "the CCAG #26 actions were closed long before"
    assert ACTION_REF.findall(earlier) == CCAG36_REVIEW
    assert "Principles were presented at the" in earlier


def test_decisions_are_in_ref_order_and_no_ref_wraps(papers):
    decisions = section(papers[("PSG35", PackKind.HEADLINE_REPORT)], "\nDecisions\n", "Key discussion items")

    refs = re.findall(r"PSG-DEC\d+", decisions)
    assert len(refs) >= 3 and refs == sorted(refs, key=lambda ref: int(ref.rsplit("DEC", 1)[1]))
    for text in papers.values():
        assert not re.search(r"\b(?:PSG|CCAG)-\s*\n\s*DEC\d", text), "a decision ref split over two lines"
        assert not re.search(r"\b(?:PSG|CCAG)\d+-\s*\n\s*\d{2}\b", text), "an action ref split over two lines"
