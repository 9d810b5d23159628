"""Actions and decisions logs as spreadsheets ("Ref", "Action", "Owner", "Due", "Latest update")."""

from core.choices import Classification
from core.spreadsheets import (
    CLASSIFICATION_VARIANTS,
    Column,
    RegisterSheet,
    choice,
    export_date,
    label_of,
    parse_uk_date,
    text,
)
from meetings import services
from meetings.choices import ActionStatus
from meetings.models import Action, Decision, Meeting
from programme.models import Organisation

ACTION_FIELDS = (
    "area",
    "description",
    "owner",
    "owner_organisation",
    "raised_on",
    "due_on",
    "due_text",
    "status",
    "latest_update",
    "classification",
)


def _due(value):
    """A due date, or text such as "ASAP" kept as the due text."""
    if text(value) == "":
        return (None, "")
    try:
        return (parse_uk_date(value), "")
    except ValueError:
        if len(text(value)) > 60:
            raise ValueError("a date or a short text such as ASAP") from None
        return (None, text(value))


# The actions logs' wordings ("RECOMMEND CLOSED", "Proposed for closure").
ACTION_STATUS_VARIANTS = {
    "In progress": ActionStatus.ONGOING,
    "Recommended closed": ActionStatus.RECOMMEND_CLOSED,
    "Recommend closure": ActionStatus.RECOMMEND_CLOSED,
    "Proposed for closure": ActionStatus.RECOMMEND_CLOSED,
    "Propose closed": ActionStatus.RECOMMEND_CLOSED,
}


class ActionSheet(RegisterSheet):
    field_headers = {
        "due_on": "Due",
        "due_text": "Due",
        "raised_on": "Raised",
        "at_meeting": "Closed At",
        "text": "Latest update",
        "status": "Status",
    }
    kind = "actions"
    title = "Actions Log"
    model = Action
    columns = (
        Column("Ref", "ref", ("Ref.", "Action Ref", "ID"), required=True),
        Column("Meeting", "meeting", export=lambda m: m.ref),
        Column("Area", "area"),
        Column("Action", "description", ("Description",), required=True),
        Column("Owner", "owner", required=True),
        Column("Owner Organisation", "owner_organisation", ("Organisation",), export=lambda o: o.name if o else ""),
        Column("Raised", "raised_on", ("Date Raised",), parse=parse_uk_date, export=export_date),
        Column("Due", "due", ("Due Date",), parse=_due),
        Column(
            "Status",
            "status",
            parse=choice(ActionStatus.choices, ACTION_STATUS_VARIANTS),
            export=label_of(ActionStatus.choices),
        ),
        Column("Latest update", "latest_update", ("Latest Update", "Update")),
        Column("Closed At", "closed_at", ("Closed at meeting",), export=lambda m: m.ref if m else ""),
        Column(
            "Classification",
            "classification",
            parse=choice(Classification.choices, CLASSIFICATION_VARIANTS),
            export=label_of(Classification.choices),
        ),
    )

    def export_row(self, record):
        row = super().export_row(record)
        row[7] = export_date(record.due_on) if record.due_on else record.due_text
        return row

    def queryset_for_export(self, queryset):
        return queryset.select_related("meeting", "owner_organisation", "closed_at")

    def context(self, rows):
        return {
            "meetings": {m.ref: m for m in Meeting.objects.select_related("group")},
            "organisations": {o.name: o for o in Organisation.objects.all()},
        }

    def _meeting(self, values, existing, context):
        ref = text(values["ref"])
        meeting_ref = text(values.get("meeting")) or ref.rsplit("-", 1)[0]
        meeting = context["meetings"].get(meeting_ref)
        if meeting is None:
            raise ValueError(f"Meeting: no meeting {meeting_ref} (the ref's meeting part)")
        if existing is not None and existing.meeting_id != meeting.pk:
            raise ValueError(f"Meeting: {ref} belongs to {existing.meeting.ref}")
        return meeting

    def _proposed(self, values, existing, context) -> dict:
        proposed = {
            name: values[name] for name in ACTION_FIELDS if name in values and name not in ("owner_organisation",)
        }
        if "due" in values:
            proposed["due_on"], proposed["due_text"] = values["due"]
        if "owner_organisation" in values:
            name = text(values["owner_organisation"])
            proposed["owner_organisation"] = context["organisations"].get(name) if name else None
            if name and proposed["owner_organisation"] is None:
                raise ValueError(f"Owner Organisation: no programme party '{name}'")
        for name in ("status", "classification"):
            if proposed.get(name) == "":
                proposed.pop(name)
        if "raised_on" in proposed and proposed["raised_on"] is None:
            # A blank Raised means the meeting's date, as for an action raised in the room.
            proposed.pop("raised_on")
        return proposed

    def prepare(self, values, existing, context):
        meeting = self._meeting(values, existing, context)
        proposed = self._proposed(values, existing, context)
        current = (
            {name: getattr(existing, name) for name in ACTION_FIELDS} if existing else {"raised_on": meeting.held_on}
        )
        candidate = Action(ref=text(values["ref"]), meeting=meeting, **{**current, **proposed})
        candidate.full_clean(exclude=["ref"] if existing else None, validate_unique=existing is None)
        if existing is None:
            return list(proposed)
        return [name for name, value in proposed.items() if getattr(existing, name) != value]

    def apply(self, values, existing, context, actor, reason):
        proposed = self._proposed(values, existing, context)
        closed_at_ref = text(values.get("closed_at"))
        closed_at = context["meetings"].get(closed_at_ref) if closed_at_ref else None
        if closed_at_ref and closed_at is None:
            raise ValueError(f"Closed At: no meeting {closed_at_ref}")
        services.action_import(
            actor=actor,
            source=reason,
            meeting=self._meeting(values, existing, context),
            ref=text(values["ref"]),
            status=proposed.pop("status", ""),
            latest_update=proposed.pop("latest_update", ""),
            closed_at=closed_at,
            **proposed,
        )


class DecisionSheet(RegisterSheet):
    kind = "decisions"
    title = "Decisions Log"
    model = Decision
    columns = (
        Column("Ref", "ref", ("Ref.", "Decision Ref", "ID"), required=True),
        Column("Meeting", "meeting", required=True, export=lambda m: m.ref),
        Column("Area", "area"),
        Column("Decision", "text", ("Description",), required=True),
        Column("Decided By", "decided_by"),
        Column("Change Request", "change_request", ("CR",), export=lambda cr: cr.ref if cr else ""),
        Column(
            "Classification",
            "classification",
            parse=choice(Classification.choices, CLASSIFICATION_VARIANTS),
            export=label_of(Classification.choices),
        ),
    )

    def queryset_for_export(self, queryset):
        return queryset.select_related("meeting", "change_request")

    def context(self, rows):
        from changes.models import ChangeRequest

        return {
            "meetings": {m.ref: m for m in Meeting.objects.select_related("group")},
            "crs": {cr.ref: cr for cr in ChangeRequest.objects.all()},
        }

    def _proposed(self, values, context) -> dict:
        meeting = context["meetings"].get(text(values["meeting"]))
        if meeting is None:
            raise ValueError(f"Meeting: no meeting {text(values['meeting'])}")
        cr_ref = text(values.get("change_request"))
        if cr_ref and cr_ref not in context["crs"]:
            raise ValueError(f"Change Request: no change request {cr_ref}")
        if not text(values["ref"]).startswith(f"{meeting.group.code}-DEC"):
            raise ValueError(f"Ref: a decision of {meeting.group.code} is numbered {meeting.group.code}-DEC<n>")
        proposed = {
            "meeting": meeting,
            "text": values["text"],
            "area": values.get("area", ""),
            "decided_by": values.get("decided_by", "") or meeting.group.code,
            "change_request": context["crs"].get(cr_ref),
        }
        if values.get("classification"):
            proposed["classification"] = values["classification"]
        return proposed

    def prepare(self, values, existing, context):
        proposed = self._proposed(values, context)
        Decision(ref=text(values["ref"]), **proposed).full_clean(
            exclude=["ref"] if existing else None, validate_unique=existing is None
        )
        if existing is None:
            return list(proposed)
        return [name for name, value in proposed.items() if getattr(existing, name) != value]

    def apply(self, values, existing, context, actor, reason):
        proposed = self._proposed(values, context)
        services.decision_import(actor=actor, source=reason, ref=text(values["ref"]), **proposed)
