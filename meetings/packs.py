"""Meeting packs: the papers and the headline report composed from the live records as HTML with the project's
templates, then printed to PDF by WeasyPrint. Called by meetings.services (render) and the benchmark."""

import contextlib
import datetime
import gc
import hashlib
import logging
import re
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from changes import selectors as change_selectors
from changes.choices import ChangeStage
from core import clock
from core.charts import donut
from core.dates import end_of
from core.selectors import Audience
from meetings import selectors
from meetings.choices import AgendaItemType, MeetingStatus, PackKind, PackStatus, StandingSection
from meetings.models import Meeting, MeetingPack
from milestones import selectors as milestone_selectors
from milestones.charts import timeline_chart
from milestones.choices import Rag
from raid import selectors as raid_selectors
from raid.choices import RaidKind, RaidStatus
from raid.models import RaidItem
from raid.scoring import load_scoring

logger = logging.getLogger(__name__)

# The templates' indentation between tags that make no inline content (tables, blocks, SVG shapes): no box in the
# PDF, but a token for WeasyPrint's HTML parser and a node for its tree; a large pack has tens of thousands.
LAYOUT_WHITESPACE = re.compile(
    r">\s*\n\s*<(?=/?(?:t[rdhf]|thead|tbody|tfoot|table|colgroup|col|caption|section|div|p|h[1-6]|ul|ol|li|dl|dt|dd"
    r"|figure|figcaption|header|path|circle|line|text|rect|title|g)\b)"
)
# The pages' links to a record ("/changes/CR054/") or a register: the PDF has no site to resolve them against, so
# they are written as their text, in a span if they are styled (a thousand fewer elements in a large pack). Links
# within the pack ("#item-2") stay.
APP_LINK = re.compile(r'<a href="/[^"]*"(?P<cls> class="[^"]*")?>(?P<text>[^<]*)</a>')


def _unlinked(link: re.Match) -> str:
    return f"<span{link['cls']}>{link['text']}</span>" if link["cls"] else link["text"]


# Steering groups see every forum's milestones and CRs; other groups their own.
STEERING_LEVEL = 2
# How far back the CR status section looks, as the programme's "Change Request Status" slide does.
CR_STATUS_MONTHS = 3


@dataclass
class Section:
    anchor: str
    heading: str
    html: str
    digest: str
    updated_in: str = ""
    flows_on: bool = False


def _digest(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def paper_moment(meeting: Meeting, kind: str, requested_at: datetime.datetime) -> datetime.datetime:
    """The moment a paper states, every status, RAG and "overdue" in it read as it stood then: papers their
    issue (the request), or the meeting's start when asked for later; a headline report the end of its issue day,
    or of the meeting's day while it is a draft. Never later than the request."""
    stated = meeting.starts_at if kind == PackKind.PAPERS else end_of(meeting.headline_issued_on or meeting.held_on)
    return min(stated, requested_at)


def _section_data(meeting: Meeting, section: str, audience: Audience, moment: datetime.datetime) -> dict:
    group = meeting.group
    steering = group.level <= STEERING_LEVEL
    previous = selectors.previous_meeting(meeting, audience)
    if section == StandingSection.ACTIONS:
        return {"rows": selectors.action_review(meeting, audience, moment), "previous": previous}
    if section == StandingSection.CHANGE_REQUESTS:
        crs = change_selectors.status_report_as_of(audience, months=CR_STATUS_MONTHS, moment=moment)
        up_for_decision = [
            cr
            for cr in crs
            if cr.stage == ChangeStage.AWAITING_DECISION and (steering or cr.decision_body_id == group.pk)
        ]
        tallies = change_selectors.impact_summaries(up_for_decision, moment)
        return {
            "change_requests": crs,
            "decisions_due": [(cr, tallies[cr.pk]) for cr in up_for_decision],
        }
    if section == StandingSection.RAID:
        since = end_of(previous.held_on) if previous else moment - datetime.timedelta(days=28)
        current = raid_selectors.raid_items(audience)
        then = clock.as_of_queryset(current, moment).filter(
            status=RaidStatus.OPEN, kind__in=[RaidKind.RISK, RaidKind.ISSUE]
        )
        if not steering:
            then = then.filter(**{clock.history_field(RaidItem, "groups"): group})
        scoring = load_scoring()
        # The same heat map as the RAID page, over the items this section lists.
        grid = raid_selectors.heat_map_grid(audience, scoring=scoring, items=then)
        items = clock.records_as_of(then.order_by("-score", "ref"), audience, current)
        return {
            "items": items,
            "movements": raid_selectors.movements(items, since),
            "since": since,
            "scoring": scoring,
            "heat_map": grid,
        }
    if section == StandingSection.MILESTONES:
        current = milestone_selectors.milestones(audience).order_by("forum__code", "baseline_on", "ref")
        milestones = selectors.as_they_stood(
            current, audience, moment, (lambda rows: rows) if steering else (lambda rows: rows.filter(forum=group))
        )
        following = selectors.next_meeting(meeting, audience)
        dates = milestone_selectors.ReportingDates(
            previous=previous.held_on if previous else meeting.held_on - datetime.timedelta(days=7),
            current=meeting.held_on,
            forecast=following.held_on if following else meeting.held_on + datetime.timedelta(days=7),
        )
        rows = milestone_selectors.delivery_dashboard(milestones, dates, audience, known_at=moment)
        counts = {rag: sum(1 for row in rows if row.current and row.current.rag == rag) for rag in Rag}
        return {
            "rows": rows,
            "dates": dates,
            "donut": donut([(rag.label, counts[rag], rag.hex, "") for rag in Rag]),
            "timeline": timeline_chart(milestones, today=meeting.held_on),
        }
    if section == StandingSection.SUMMARY:
        return {
            "actions": selectors.headline_actions(meeting, audience, moment).raised,
            "decisions": selectors.headline_decisions(meeting, audience, moment),
            "forward_plan": forward_plan(meeting, audience, moment),
        }
    return {}


def forward_plan(meeting: Meeting, audience, moment: datetime.datetime, count: int = 3) -> list:
    """The group's next meetings as they were planned at `moment`, each with its agenda."""
    upcoming = selectors.as_they_stood(
        selectors.meetings(audience).filter(group=meeting.group).order_by("starts_at"),
        audience,
        moment,
        lambda rows: rows.filter(starts_at__gt=meeting.starts_at).exclude(status=MeetingStatus.CANCELLED),
    )[:count]
    return [(upcoming_meeting, selectors.agenda(upcoming_meeting, audience)) for upcoming_meeting in upcoming]


def compose(pack: MeetingPack) -> tuple[str, dict[str, str]]:
    """The pack's HTML and its sections' digests, as of the moment the paper states (`pack.as_of`). Sections whose
    content differs from version 1.0's are marked "Updated: v1.N"."""
    meeting = pack.meeting
    audience = Audience(pack.classification)
    moment = pack.as_of or paper_moment(meeting, pack.kind, pack.requested_at)
    baseline = (
        MeetingPack.objects.unrestricted()
        .filter(meeting=meeting, kind=pack.kind, classification=pack.classification, minor=0, status=PackStatus.READY)
        .exclude(pk=pack.pk)
        .values_list("section_digests", flat=True)
        .first()
    )
    common = {
        "meeting": meeting,
        "pack": pack,
        "audience_restricted": audience.sees_restricted,
        "as_of": moment,
        "on": timezone.localtime(moment).date(),
    }
    if pack.kind == PackKind.HEADLINE_REPORT:
        context = {**common, **headline_context(meeting, audience, moment)}
        sections = [_section("headline", "Headline report", "packs/sections/headline.html", context, baseline, pack)]
    else:
        agenda = selectors.agenda(meeting, audience)
        sections = []
        for slot in agenda:
            item = slot.item
            data = _section_data(meeting, item.standing_section, audience, moment)
            context = {**common, "slot": slot, "item": item, "section": item.standing_section, **data}
            section = _section(
                f"item-{item.position}",
                f"{item.position}. {item.title}",
                "packs/sections/agenda_item.html",
                context,
                baseline,
                pack,
            )
            # An information item with nothing but its objective flows on after the one before, as in the papers.
            section.flows_on = item.item_type == AgendaItemType.INFORMATION and not item.standing_section
            sections.append(section)
        common["agenda"] = agenda
    html = render_to_string(
        "packs/pack.html",
        {**common, "sections": sections, "css": _print_css(), "generated_at": timezone.now()},
    )
    return _lean(html), {section.anchor: section.digest for section in sections}


def _lean(html: str) -> str:
    """The composed HTML as WeasyPrint is given it: the same content without layout-only whitespace or links to the
    app's pages. Section digests are taken before, from the sections as the templates write them."""
    return APP_LINK.sub(_unlinked, LAYOUT_WHITESPACE.sub("><", html))


def headline_context(meeting: Meeting, audience, moment: datetime.datetime) -> dict:
    """What the headline report shows, on its page and in its PDF, as it stood at `moment`."""
    actions = selectors.headline_actions(meeting, audience, moment)
    upcoming = forward_plan(meeting, audience, moment, count=1)
    return {
        "actions": actions.raised,
        "outstanding_actions": actions.outstanding,
        "decisions": selectors.headline_decisions(meeting, audience, moment),
        "discussion": list(meeting.discussion_items.restrict(audience)),
        "tallies": selectors.tally(meeting, audience),
        "next": upcoming[0][0] if upcoming else None,
        "as_of": moment,
        "on": timezone.localtime(moment).date(),
    }


def _section(anchor, heading, template, context, baseline, pack) -> Section:
    html = render_to_string(template, context)
    digest = _digest(html)
    changed = pack.minor > 0 and baseline is not None and baseline.get(anchor) != digest
    return Section(anchor=anchor, heading=heading, html=html, digest=digest, updated_in=pack.version if changed else "")


def _print_css() -> str:
    with open(finders.find("css/print.css"), encoding="utf-8") as css:
        return css.read()


# Papers are read by screen readers too: a tagged PDF (headings, tables with their header cells, lists, figures with
# their alternative text from each chart's <title>), its language and title shown in place of the file name.
PDF_VARIANT = "pdf/ua-1"


def _page_references_once(pdf) -> tuple:
    """pydyf's `PDF.page_references`, built once per number of pages. pydyf builds the tuple of every page's
    reference on each access, and WeasyPrint's tagging reads it once per tagged box: over 121 pages and ~40,000
    boxes that was about 1 s of the render (4.4 million references made)."""
    kids = pdf.pages["Kids"]
    built = pdf.__dict__.get("_page_references_built")
    if built is None or built[0] != len(kids):
        built = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_page_references_built"] = built
    return built[1]


@contextlib.contextmanager
def collector_paused():
    """A large pack is hundreds of thousands of long-lived objects with almost no cycles to free — the records as
    they stood, then WeasyPrint's styles and boxes — and the collector's passes over them took about a third of the
    print and a fifth of the composing: it is paused meanwhile (and resumed as it was)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class _DefaultLevelZlib:
    """zlib as pydyf sees it, at zlib's default level. pydyf compresses every stream at level 9, the slowest: for a
    121-page tagged pack that is ~0.55 s of its ~2.8 s of writing, for a file 4 % smaller than at the default."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level: int = zlib.Z_DEFAULT_COMPRESSION):
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION)  # whichever level pydyf asks for


def print_pdf(html: str) -> tuple[bytes, int]:
    """The tagged PDF and its page count. WeasyPrint is imported here: it needs Pango, which a bare machine may
    lack, and only the pack renderer uses it."""
    import pydyf
    from weasyprint import HTML

    pydyf.PDF.page_references = property(_page_references_once)
    pydyf.zlib = _DefaultLevelZlib
    with collector_paused():
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
        return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)


def warm_up() -> None:
    """Loads WeasyPrint, Pango and the fonts by printing a one-line paper, so that the first pack a process renders
    does not wait for them (~0.5 s): called as each worker process starts. A machine without Pango renders no
    pack, and says so when asked for one."""
    try:
        print_pdf('<html lang="en"><head><title>Warm-up</title></head><body><p>Papers</p></body></html>')
    except (ImportError, OSError) as missing:
        logger.warning("WeasyPrint cannot print papers here: %s", missing)
