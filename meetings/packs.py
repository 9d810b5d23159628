"""Meeting packs: the papers and the headline report composed from the live records as HTML with the project's
templates, then printed to PDF by WeasyPrint. Called by meetings.services (render) and the benchmark."""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from changes import selectors as change_selectors
from changes.choices import ChangeStage
from core.charts import donut
from core.selectors import Audience
from meetings import selectors
from meetings.choices import PackKind, PackStatus, StandingSection
from meetings.models import Meeting, MeetingPack
from milestones import selectors as milestone_selectors
from milestones.charts import timeline_chart
from milestones.choices import Rag
from raid import selectors as raid_selectors
from raid.choices import RaidKind, RaidStatus
from raid.scoring import load_scoring

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


def _digest(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def _section_data(meeting: Meeting, section: str, audience: Audience) -> dict:
    group = meeting.group
    steering = group.level <= STEERING_LEVEL
    previous = selectors.previous_meeting(meeting, audience)
    if section == StandingSection.ACTIONS:
        return {"rows": selectors.action_review(meeting, audience), "previous": previous}
    if section == StandingSection.CHANGE_REQUESTS:
        crs = list(change_selectors.status_report(audience, months=CR_STATUS_MONTHS, today=meeting.held_on))
        up_for_decision = [
            cr
            for cr in crs
            if cr.stage == ChangeStage.AWAITING_DECISION and (steering or cr.decision_body_id == group.pk)
        ]
        tallies = change_selectors.impact_summaries(up_for_decision)
        return {
            "change_requests": crs,
            "decisions_due": [(cr, tallies[cr.pk]) for cr in up_for_decision],
        }
    if section == StandingSection.RAID:
        since = (
            timezone.make_aware(datetime.datetime.combine(previous.held_on, datetime.time.max))
            if previous
            else timezone.now() - datetime.timedelta(days=28)
        )
        items = raid_selectors.raid_items(audience).filter(
            status=RaidStatus.OPEN, kind__in=[RaidKind.RISK, RaidKind.ISSUE]
        )
        if not steering:
            items = items.filter(groups=group)
        scoring = load_scoring()
        # The same heat map as the RAID page, over the items this section lists.
        grid = raid_selectors.heat_map_grid(audience, scoring=scoring, items=items)
        items = list(items.order_by("-score", "ref"))
        return {
            "items": items,
            "movements": raid_selectors.movements(items, since),
            "since": since,
            "scoring": scoring,
            "heat_map": grid,
        }
    if section == StandingSection.MILESTONES:
        milestones = milestone_selectors.milestones(audience)
        if not steering:
            milestones = milestones.filter(forum=group)
        milestones = list(milestones.order_by("forum__code", "baseline_on", "ref"))
        following = selectors.next_meeting(meeting, audience)
        dates = milestone_selectors.ReportingDates(
            previous=previous.held_on if previous else meeting.held_on - datetime.timedelta(days=7),
            current=meeting.held_on,
            forecast=following.held_on if following else meeting.held_on + datetime.timedelta(days=7),
        )
        rows = milestone_selectors.delivery_dashboard(milestones, dates, audience)
        counts = {rag: sum(1 for row in rows if row.current and row.current.rag == rag) for rag in Rag}
        return {
            "rows": rows,
            "dates": dates,
            "donut": donut([(rag.label, counts[rag], rag.hex, "") for rag in Rag]),
            "timeline": timeline_chart(milestones, today=meeting.held_on),
        }
    if section == StandingSection.SUMMARY:
        upcoming = list(
            selectors.meetings(audience).filter(group=group, starts_at__gt=meeting.starts_at).order_by("starts_at")[:3]
        )
        return {
            "actions": list(selectors.actions(audience).filter(meeting=meeting).order_by("ref")),
            "decisions": list(selectors.decisions(audience).filter(meeting=meeting).order_by("pk")),
            "forward_plan": [(m, selectors.agenda(m, audience)) for m in upcoming],
        }
    return {}


def compose(pack: MeetingPack) -> tuple[str, dict[str, str]]:
    """The pack's HTML and its sections' digests. Sections whose content differs from version 1.0's are
    marked "Updated: v1.N"."""
    meeting = pack.meeting
    audience = Audience(pack.classification)
    baseline = (
        MeetingPack.objects.unrestricted()
        .filter(meeting=meeting, kind=pack.kind, classification=pack.classification, minor=0, status=PackStatus.READY)
        .exclude(pk=pack.pk)
        .values_list("section_digests", flat=True)
        .first()
    )
    common = {"meeting": meeting, "pack": pack, "audience_restricted": audience.sees_restricted}
    if pack.kind == PackKind.HEADLINE_REPORT:
        context = {
            **common,
            "actions": list(selectors.actions(audience).filter(meeting=meeting).order_by("area", "ref")),
            "decisions": list(selectors.decisions(audience).filter(meeting=meeting).order_by("area", "pk")),
            "discussion": list(meeting.discussion_items.restrict(audience)),
            "tallies": selectors.tally(meeting, audience),
            "next": selectors.next_meeting(meeting, audience),
        }
        sections = [_section("headline", "Headline report", "packs/sections/headline.html", context, baseline, pack)]
    else:
        agenda = selectors.agenda(meeting, audience)
        sections = []
        for slot in agenda:
            item = slot.item
            data = _section_data(meeting, item.standing_section, audience)
            context = {**common, "slot": slot, "item": item, "section": item.standing_section, **data}
            sections.append(
                _section(
                    f"item-{item.position}",
                    f"{item.position}. {item.title}",
                    "packs/sections/agenda_item.html",
                    context,
                    baseline,
                    pack,
                )
            )
        common["agenda"] = agenda
    html = render_to_string(
        "packs/pack.html",
        {**common, "sections": sections, "css": _print_css(), "generated_at": timezone.now()},
    )
    return html, {section.anchor: section.digest for section in sections}


def _section(anchor, heading, template, context, baseline, pack) -> Section:
    html = render_to_string(template, context)
    digest = _digest(html)
    changed = pack.minor > 0 and baseline is not None and baseline.get(anchor) != digest
    return Section(anchor=anchor, heading=heading, html=html, digest=digest, updated_in=pack.version if changed else "")


def _print_css() -> str:
    with open(finders.find("css/print.css"), encoding="utf-8") as css:
        return css.read()


def print_pdf(html: str) -> tuple[bytes, int]:
    """The PDF and its page count. WeasyPrint is imported here: it needs Pango, which a bare machine may lack,
    and only the pack renderer uses it."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return document.write_pdf(), len(document.pages)
