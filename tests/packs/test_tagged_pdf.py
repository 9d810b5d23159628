"""The PSG #36 papers and headline report from the demo are tagged PDFs (PDF/UA-1): `pdfinfo` says "Tagged: yes";
the catalog has the document's language, /MarkInfo and DisplayDocTitle, the Info its title; the bookmarks are the
paper's title and its agenda items (or the report's sections); the structure tree has headings that skip no level,
tables with header cells, lists, and a Figure for each chart whose alternative text is the chart's <title>."""

import io
import itertools
import re
import shutil
import subprocess

import pypdf
import pytest

from meetings import packs
from meetings.choices import PackKind
from meetings.models import Meeting
from tests.packs.demo import demo_programme, print_pack
from tests.packs.html import parse

try:
    import weasyprint  # noqa: F401  (needs Pango, which a bare machine may lack)
except (ImportError, OSError) as missing:
    pytest.skip(f"WeasyPrint cannot be imported ({missing}): no PDF to render", allow_module_level=True)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

HEADLINE_SECTIONS = ["Actions", "Decisions", "Key discussion items", "Next meeting"]


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once, in a transaction rolled back at the end, and PSG36's papers and headline report
    printed once: {kind: (the PDF's bytes, the HTML WeasyPrint was given)}, and PSG36's agenda headings."""
    with demo_programme(django_db_blocker, tmp_path_factory.mktemp("tagged-papers")):
        meeting = Meeting.objects.get(ref="PSG36")
        printed = {}
        for kind in PackKind.values:
            pack = print_pack(meeting, kind)
            with pack.file.open("rb") as pdf:
                printed[kind] = (pdf.read(), packs.compose(pack)[0])
        agenda = [f"{item.position}. {item.title}" for item in meeting.agenda_items.order_by("position")]
        yield {**printed, "agenda": agenda}


def pdfinfo(pdf: bytes) -> dict[str, str]:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo is missing: install poppler-utils")
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return {name: value.strip() for name, value in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str]]:
    """The bookmarks as (depth, title), in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))

    walk(reader.outline, 0)
    return found


def structure(node) -> list[pypdf.generic.DictionaryObject]:
    """The structure elements under `node` (the StructTreeRoot, or an element), in document order."""
    found = []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if isinstance(kid, pypdf.generic.IndirectObject) else kid
        if isinstance(kid, pypdf.generic.DictionaryObject) and "/S" in kid:
            found.append(kid)
            found.extend(structure(kid))
    return found


def tree(pdf: bytes) -> list[pypdf.generic.DictionaryObject]:
    return structure(pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"].get_object())


def chart_titles(html: str) -> list[str]:
    """Each chart's name, the <title> first inside its SVG (WeasyPrint's source of a figure's /Alt)."""
    return [
        svg.find("title").text()
        for svg in parse(html).find_all("svg")
        if svg.attrs.get("role") == "img" and svg.find("title") is not None
    ]


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        (PackKind.PAPERS, "PSG #36 — Meeting papers — 2024-09-04 — v1.0"),
        (PackKind.HEADLINE_REPORT, "PSG #36 — Headline report — 2024-09-04 — v1.0"),
    ],
    ids=PackKind.values,
)
def test_each_paper_is_a_tagged_pdf_with_its_language_and_title(printed, kind, title):
    pdf, _ = printed[kind]
    info = pdfinfo(pdf)
    root = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]

    assert info["Tagged"] == "yes"
    assert info["Title"] == title
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True, "readers show the title, not the file name"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data(), "identified as PDF/UA-1"


def test_the_papers_bookmarks_are_the_title_then_the_agenda_and_each_agenda_item_in_order(printed):
    reader = pypdf.PdfReader(io.BytesIO(printed[PackKind.PAPERS][0]))

    assert outline(reader) == [
        (0, "Programme Steering Group #36 — Meeting papers"),
        (1, "Agenda"),
        *[(1, heading) for heading in printed["agenda"]],
    ], "nothing below an agenda item: no table or sub-section headings"


def test_the_headline_reports_bookmarks_are_its_title_then_its_sections(printed):
    reader = pypdf.PdfReader(io.BytesIO(printed[PackKind.HEADLINE_REPORT][0]))

    assert outline(reader) == [
        (0, "Programme Steering Group (PSG) Headline Report"),
        *[(1, section) for section in HEADLINE_SECTIONS],
    ]


@pytest.mark.parametrize("kind", PackKind.values)
def test_headings_are_one_h1_then_levels_that_skip_none(printed, kind):
    tags = [element["/S"] for element in tree(printed[kind][0])]
    levels = [int(tag[2]) for tag in tags if re.fullmatch(r"/H[1-6]", tag)]

    assert levels[0] == 1 and levels.count(1) == 1, "one h1: the paper's title"
    assert levels.count(2) >= 4
    assert all(level <= before + 1 for before, level in itertools.pairwise(levels)), f"a level is skipped: {levels}"


@pytest.mark.parametrize("kind", PackKind.values)
def test_tables_are_tagged_as_tables_with_header_cells_and_lists_as_lists(printed, kind):
    elements = tree(printed[kind][0])
    tables = [element for element in elements if element["/S"] == "/Table"]

    def cells(table, tag):
        return [element for element in structure(table) if element["/S"] == tag]

    assert tables
    for table in tables:
        assert cells(table, "/TR") and cells(table, "/TH"), "every table has rows and header cells"
    data = [cell for table in tables for cell in cells(table, "/TD")]
    assert data and all(cell["/A"]["/Headers"] for cell in data), "each data cell names its header cells"
    assert {"/L", "/LI", "/LBody"} <= {element["/S"] for element in elements}


def test_each_chart_is_a_figure_whose_alternative_text_is_its_title(printed):
    pdf, html = printed[PackKind.PAPERS]
    figures = [element for element in tree(pdf) if element["/S"] == "/Figure"]
    titles = chart_titles(html)

    assert len(titles) >= 2, "the Delivery Dashboard's donut and timeline"
    assert [str(figure.get("/Alt", "")) for figure in figures] == titles, "every figure has alternative text"


def test_each_agenda_items_heading_is_tagged_on_the_page_its_bookmark_opens(printed):
    """A structure element names the page its content is on (/Pg): every h2 — the agenda and each agenda item — on
    the page its bookmark opens (the pages' references are built once per render: meetings.packs)."""
    pdf = printed[PackKind.PAPERS][0]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page_of = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    _title, items = reader.outline
    bookmarked = [reader.get_destination_page_number(item) for item in items]
    headings = [page_of[element.raw_get("/Pg").idnum] for element in tree(pdf) if element["/S"] == "/H2"]

    assert headings == bookmarked
    assert len(set(headings)) > 1, "the agenda items start on pages of their own"
