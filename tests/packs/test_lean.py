"""The HTML a pack gives WeasyPrint is lean, since WeasyPrint's time grows with every element and rule: one small
print stylesheet and nothing else, real tables with header cells but never one inside another nor wrapped in a div,
no links to the app's pages and no layout-only whitespace. Its fonts are subset by HarfBuzz, not fontTools."""

import gc
import logging
import re
import zlib

import pytest

from meetings import packs
from meetings.choices import PackKind
from tests.packs.conftest import RESTRICTED, new_pack
from tests.packs.html import parse


@pytest.fixture(params=[PackKind.PAPERS, PackKind.HEADLINE_REPORT])
def html(world, request) -> str:
    composed, _ = packs.compose(new_pack(world.meeting, kind=request.param, classification=RESTRICTED))
    return composed


def test_the_pack_is_styled_by_the_one_print_stylesheet_alone(html):
    css = packs._print_css()

    assert html.count("<style") == 1 and css in html
    assert "<link" not in html and " style=" not in html, "no other stylesheet, no inline styles"
    assert len(css) < 8_000, "the print stylesheet stays small: WeasyPrint matches every rule against every element"


def test_tables_are_real_tables_with_header_cells_never_nested_nor_wrapped(html):
    tables = parse(html).find_all("table")

    assert tables
    for table in tables:
        assert table.find_all("th"), f"{table} has no header cell"
        assert not table.find_all("table"), f"{table} holds another table"
        assert table.parent.tag != "div", f"{table} is wrapped in a div"


def test_links_to_the_apps_pages_and_layout_only_whitespace_are_left_out(html):
    assert not re.search(r'href="/', html), "a PDF has no site to resolve a link to /changes/… against"
    assert not re.search(r">\s*\n\s*</?t[rdh]\b", html)


def weasyprint_or_skip():
    try:
        import weasyprint
    except (ImportError, OSError) as missing:  # it needs Pango, which a bare machine may lack
        pytest.skip(f"WeasyPrint cannot be imported ({missing})")
    return weasyprint


@pytest.mark.slow
def test_the_fonts_are_subset_by_harfbuzz_not_fonttools(world, caplog):
    weasyprint_or_skip()
    composed, _ = packs.compose(new_pack(world.meeting))

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        _, pages = packs.print_pdf(composed)

    assert pages > 1
    assert not [record for record in caplog.records if "fontTools" in record.getMessage()], (
        "WeasyPrint fell back to fontTools: install libharfbuzz-subset0"
    )


def test_printing_turns_the_collector_back_on_even_when_weasyprint_fails(monkeypatch):
    weasyprint = weasyprint_or_skip()

    def broken(**kwargs):
        raise ValueError("no Pango")

    monkeypatch.setattr(weasyprint, "HTML", broken)
    with pytest.raises(ValueError):
        packs.print_pdf("<p>papers</p>")

    assert gc.isenabled()


def test_the_printer_compresses_its_streams_at_zlibs_default_level_not_the_slowest():
    weasyprint_or_skip()
    import pydyf

    packs.print_pdf("<p>papers</p>")
    content = [b"BT /F1 9 Tf 10 10 Td (Change Request Status) Tj ET"] * 200
    written = pydyf.Stream(content, compress=True).data

    body = written.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert body == zlib.compress(b"\n".join(content), zlib.Z_DEFAULT_COMPRESSION)


def test_a_worker_loads_the_printer_as_it_starts_and_a_machine_without_pango_only_says_so(monkeypatch, caplog):
    weasyprint_or_skip()
    packs.warm_up()  # prints its one-line paper

    def without_pango(html):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(packs, "print_pdf", without_pango)
    with caplog.at_level(logging.WARNING, logger="meetings.packs"):
        packs.warm_up()

    assert "libpango" in caplog.text
