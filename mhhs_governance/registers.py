"""The registers that import and export as spreadsheets: each one's sheet, the list page it belongs to, the
FilterSet and the reader-scoped queryset that export the page's current view."""

from dataclasses import dataclass

from changes import selectors as change_selectors
from changes.filtersets import ChangeRequestFilterSet, ImpactResponseFilterSet
from changes.spreadsheets import ChangeRequestSheet, ImpactResponseSheet
from meetings import selectors as meeting_selectors
from meetings.filtersets import ActionFilterSet, DecisionFilterSet
from meetings.spreadsheets import ActionSheet, DecisionSheet
from milestones import selectors as milestone_selectors
from milestones.filtersets import MilestoneFilterSet
from milestones.spreadsheets import MilestoneSheet
from programme import selectors as programme_selectors
from programme.filtersets import PersonFilterSet
from programme.spreadsheets import PeopleSheet
from raid import selectors as raid_selectors
from raid.filtersets import RaidItemFilterSet
from raid.spreadsheets import RaidSheet


@dataclass(frozen=True)
class Register:
    sheet: type
    filterset: type
    queryset: object  # user -> QuerySet
    path: str  # the list page's path, under which import/ and export.* live
    list_url: str


REGISTERS = {
    "change-requests": Register(
        ChangeRequestSheet, ChangeRequestFilterSet, change_selectors.change_requests, "changes", "changes:list"
    ),
    "impact-responses": Register(
        ImpactResponseSheet,
        ImpactResponseFilterSet,
        change_selectors.impact_responses,
        "changes/responses",
        "changes:list",
    ),
    "raid-items": Register(RaidSheet, RaidItemFilterSet, raid_selectors.raid_items, "raid", "raid:list"),
    "milestones": Register(
        MilestoneSheet, MilestoneFilterSet, milestone_selectors.milestones, "milestones", "milestones:list"
    ),
    "actions": Register(ActionSheet, ActionFilterSet, meeting_selectors.actions, "actions", "meetings:action-list"),
    "decisions": Register(
        DecisionSheet, DecisionFilterSet, meeting_selectors.decisions, "decisions", "meetings:decision-list"
    ),
    "people": Register(PeopleSheet, PersonFilterSet, programme_selectors.people, "people", "programme:person-list"),
}
