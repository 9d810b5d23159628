"""The RAID log as a spreadsheet ("Risk ID", "Risk Description", "Mitigation Plan", …)."""

import re

from core.choices import Classification
from core.exceptions import WorkflowError
from core.spreadsheets import (
    CLASSIFICATION_VARIANTS,
    Column,
    RegisterSheet,
    choice,
    export_date,
    label_of,
    parse_uk_date,
    refs,
    text,
)
from programme.models import GovernanceGroup
from raid import services
from raid.choices import RaidKind, RaidStatus
from raid.models import RaidItem, RaidTheme

FIELDS = (
    "title",
    "description",
    "impact_text",
    "owner",
    "theme",
    "likelihood",
    "impact",
    "initial_score",
    "target_score",
    "status",
    "raised_on",
    "classification",
)


def _number(value):
    return int(float(value)) if text(value) else None


# The ref letters the log uses for each kind (R920, I191), and the wordings its status column has carried.
KIND_VARIANTS = {kind.prefix: kind.value for kind in RaidKind}
STATUS_VARIANTS = {"Live": RaidStatus.OPEN, "Active": RaidStatus.OPEN, "Resolved": RaidStatus.CLOSED}

STEP_MARKER = re.compile(r"^(\d+[.)]\s+|[•*-]\s+)")


def _steps(value) -> list[dict]:
    """The mitigation plan, one step per line; only the numbering or bullet the export adds is removed
    ("1. Replan the SIT cycles" → "Replan the SIT cycles", but "2024 replan" stays whole)."""
    lines = [line.strip() for line in text(value).splitlines() if line.strip()]
    return [{"text": STEP_MARKER.sub("", line, count=1) or line} for line in lines]


class RaidSheet(RegisterSheet):
    field_headers = {"impact": "Impact Level", "impact_text": "Impact", "description": "Risk Description"}
    kind = "raid-items"
    title = "RAID Log"
    model = RaidItem
    columns = (
        Column("Risk ID", "ref", ("Ref", "Ref.", "ID", "RAID ID", "Issue ID"), required=True),
        Column(
            "Type",
            "kind",
            ("Kind", "RAID Type"),
            required=True,
            parse=choice(RaidKind.choices, KIND_VARIANTS),
            export=label_of(RaidKind.choices),
        ),
        Column("Title", "title", ("Risk Title",), required=True),
        Column("Risk Description", "description", ("Description", "Issue Description")),
        Column("Impact", "impact_text", ("Impact Description",)),
        Column("Owner", "owner", ("Risk Owner",)),
        Column("Theme", "theme", ("RAID Theme",), export=lambda theme: theme.name if theme else ""),
        Column(
            "Groups", "groups", ("Related Groups",), parse=refs, export=lambda m: ", ".join(g.code for g in m.all())
        ),
        Column("Likelihood", "likelihood", parse=_number),
        Column("Impact Level", "impact", ("Impact Score",), required=True, parse=_number),
        Column("Score", "score", ("Current Score",), export_only=True),
        Column("Initial Score", "initial_score", parse=_number),
        Column("Target Score", "target_score", parse=_number),
        Column(
            "Status", "status", parse=choice(RaidStatus.choices, STATUS_VARIANTS), export=label_of(RaidStatus.choices)
        ),
        Column("Raised", "raised_on", ("Date Raised",), parse=parse_uk_date, export=export_date),
        Column(
            "Mitigation Plan",
            "mitigation",
            ("Mitigation", "Mitigations"),
            parse=_steps,
            export=lambda m: "\n".join(f"{n}. {s.text}" for n, s in enumerate(m.all(), start=1)),
        ),
        Column(
            "Classification",
            "classification",
            parse=choice(Classification.choices, CLASSIFICATION_VARIANTS),
            export=label_of(Classification.choices),
        ),
    )

    def export_row(self, record):
        return [
            column.export(getattr(record, "mitigation_steps" if column.key == "mitigation" else column.key, ""))
            for column in self.columns
        ]

    def queryset_for_export(self, queryset):
        return queryset.select_related("theme").prefetch_related("groups", "mitigation_steps")

    def context(self, rows):
        codes = {code for row in rows for code in row.get("groups", [])}
        return {
            "groups": {g.code: g for g in GovernanceGroup.objects.filter(code__in=codes)},
            "themes": {t.name: t for t in RaidTheme.objects.all()},
        }

    def _fields(self, values, existing, context) -> dict:
        unknown = [code for code in values.get("groups", []) if code not in context["groups"]]
        if unknown:
            raise ValueError(f"Groups: no governance group {', '.join(unknown)}")
        theme_name = text(values.get("theme"))
        if theme_name and theme_name not in context["themes"]:
            raise ValueError(f"Theme: no RAID theme '{theme_name}'")
        fields = {
            name: values[name]
            for name in FIELDS
            if name in values
            and name != "theme"
            # A blank cell leaves these as they are (the service fills them when the item is raised).
            and not (values[name] in ("", None) and name in ("status", "classification", "raised_on", "initial_score"))
        }
        if "theme" in values:
            fields["theme"] = context["themes"].get(theme_name)
        return fields

    def prepare(self, values, existing, context):
        fields = self._fields(values, existing, context)
        kind = values["kind"]
        if existing is not None and existing.status == RaidStatus.CLOSED and fields.get("status") != RaidStatus.OPEN:
            raise WorkflowError(f"{existing.ref} is closed: set Status to Open in the file to reopen and edit it")
        if existing is not None and existing.kind != kind:
            raise ValueError(f"Type: {existing.ref} is a {existing.get_kind_display().lower()}")
        candidate = RaidItem(ref=text(values["ref"]), kind=kind, **{**_current(existing), **fields})
        candidate.score = 1
        candidate.full_clean(exclude=["ref"] if existing else None, validate_unique=existing is None)
        if existing is None:
            return list(fields)
        changed = [name for name, value in fields.items() if getattr(existing, name) != value]
        if "groups" in values and set(values["groups"]) != {g.code for g in existing.groups.all()}:
            changed.append("groups")
        if "mitigation" in values and [s["text"] for s in values["mitigation"]] != [
            s.text for s in existing.mitigation_steps.all()
        ]:
            changed.append("mitigation")
        return changed

    def apply(self, values, existing, context, actor, reason):
        fields = self._fields(values, existing, context)
        groups = [context["groups"][code] for code in values["groups"]] if "groups" in values else None
        mitigation = values.get("mitigation")
        if existing is None:
            services.raid_item_create(
                actor=actor,
                kind=values["kind"],
                ref=text(values["ref"]),
                groups=groups or [],
                mitigation=mitigation or [],
                reason=reason,
                **fields,
            )
        else:
            services.raid_item_update(
                item=existing, actor=actor, groups=groups, mitigation=mitigation, reason=reason, **fields
            )


def _current(existing) -> dict:
    if existing is None:
        return {}
    return {name: getattr(existing, name) for name in FIELDS}
