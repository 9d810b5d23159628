"""The Milestone Register as a spreadsheet ("Milestone ID", "Forum", "Baseline Date", "Forecast Date", …)."""

from django.db.models import Prefetch

from core.choices import Classification
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
from milestones import services
from milestones.choices import MilestoneStatus, Rag
from milestones.models import Milestone
from milestones.refs import parse_ref
from milestones.services import IMPORTED_FIELDS as FIELDS
from milestones.services import apply_rules
from programme.models import GovernanceGroup

# Wordings the milestone trackers use for the status of a milestone (the RAG is derived, never imported).
STATUS_VARIANTS = {
    "Not yet started": MilestoneStatus.NOT_STARTED,
    "Ongoing": MilestoneStatus.IN_PROGRESS,
    "Started": MilestoneStatus.IN_PROGRESS,
    "Completed": MilestoneStatus.COMPLETE,
    "Achieved": MilestoneStatus.COMPLETE,
    "Met": MilestoneStatus.COMPLETE,
}


class MilestoneSheet(RegisterSheet):
    # Rows stage their records for one bulk write in `finish`: nothing to undo row by row.
    row_savepoints = False

    def __init__(self):
        # What `prepare` built and checked for each row (by the row's values, which it keeps alive), so `apply`
        # stages that very record: a row is validated once, and is written as it was checked.
        self._checked: dict[int, tuple] = {}

    kind = "milestones"
    title = "Milestone Register"
    model = Milestone
    columns = (
        Column("Milestone ID", "ref", ("Ref", "Ref.", "Milestone", "ID"), required=True),
        Column("Tier", "tier", parse=lambda v: int(float(v)) if text(v) else None),
        Column("Forum", "forum", ("Governance Group", "Group"), required=True, export=lambda g: g.code if g else ""),
        Column("Title", "title", ("Milestone Title", "Milestone Description", "Description"), required=True),
        Column("Responsible", "responsible", ("Owner",)),
        Column("Baseline Date", "baseline_on", ("Baseline",), parse=parse_uk_date, export=export_date),
        Column("Forecast Date", "forecast_on", ("Forecast",), parse=parse_uk_date, export=export_date),
        Column("Actual Date", "actual_on", ("Actual", "Achieved"), parse=parse_uk_date, export=export_date),
        Column(
            "Status",
            "status",
            parse=choice(MilestoneStatus.choices, STATUS_VARIANTS),
            export=label_of(MilestoneStatus.choices),
        ),
        Column("Current RAG", "rag", ("RAG",), export=label_of(Rag.choices), export_only=True),
        Column("Commentary", "commentary", ("Comments",)),
        Column(
            "Depends On",
            "depends_on",
            ("Dependencies",),
            parse=refs,
            export=lambda manager: ", ".join(m.ref for m in manager.all()),
        ),
        Column("Baseline Change Authority", "baseline_change_reference", ("Baseline Change Reference", "Authority")),
        Column(
            "Classification",
            "classification",
            parse=choice(Classification.choices, CLASSIFICATION_VARIANTS),
            export=label_of(Classification.choices),
        ),
    )

    def rewind(self, records, moment):
        from milestones.selectors import snapshots_as_of

        versions = snapshots_as_of(moment)
        for record in records:
            record.depends_on_then = versions[record.ref].depends_on if record.ref in versions else ()
        return records

    def export_row(self, record):
        row = super().export_row(record) if not hasattr(record, "depends_on_then") else self._row_then(record)
        return row

    def _row_then(self, record):
        return [
            ", ".join(record.depends_on_then)
            if column.key == "depends_on"
            else column.export(getattr(record, column.key, ""))
            for column in self.columns
        ]

    def queryset_for_export(self, queryset):
        return queryset.select_related("forum").prefetch_related("depends_on")

    def existing(self, keys: set[str]) -> dict:
        # With what a row compares itself to (its forum, its links): no query per row.
        records = Milestone.objects.filter(ref__in=keys).select_related("forum")
        dependencies = Prefetch("depends_on", queryset=Milestone.objects.only("id", "ref"))
        return {record.ref: record for record in records.prefetch_related(dependencies)}

    def context(self, rows):
        codes = {text(row.get("forum")) for row in rows}
        dependency_refs = {ref for row in rows for ref in row.get("depends_on", [])}
        file_refs = {text(row.get("ref")) for row in rows}
        return {
            "forums": {g.code: g for g in GovernanceGroup.objects.filter(code__in=codes)},
            "known_refs": set(Milestone.objects.filter(ref__in=dependency_refs).values_list("ref", flat=True))
            | file_refs,
            "creates": [],
            "updates": [],
            "dependencies": {},
        }

    def _build(self, values, existing, context) -> tuple[Milestone, list[str]]:
        forum = context["forums"].get(text(values["forum"]))
        if forum is None:
            raise ValueError(f"Forum: no governance group {text(values['forum'])}")
        ref = text(values["ref"])
        proposed = {
            "tier": values.get("tier") or (existing.tier if existing else parse_ref(ref)[0]),
            "title": values["title"],
            "forum": forum,
            "responsible": values.get("responsible", existing.responsible if existing else ""),
            "baseline_on": values.get("baseline_on", existing.baseline_on if existing else None),
            "forecast_on": values.get("forecast_on", existing.forecast_on if existing else None),
            "actual_on": values.get("actual_on", existing.actual_on if existing else None),
            "status": values.get("status") or (existing.status if existing else MilestoneStatus.NOT_STARTED),
            "commentary": values.get("commentary", existing.commentary if existing else ""),
            "classification": values.get("classification") or (existing.classification if existing else "public"),
        }
        if proposed["tier"] is None:
            raise ValueError(f"Tier: {ref} does not say its tier; give it (1, 2 or 3)")
        changed = [name for name in FIELDS if getattr(existing, name) != proposed[name]] if existing else list(FIELDS)
        candidate = Milestone(ref=ref, **proposed, pk=existing.pk if existing else None)
        # The rules a page applies (baseline authority, completion, dates), on a copy: `prepare` writes nothing.
        apply_rules(
            candidate,
            set(changed),
            reference=values.get("baseline_change_reference", ""),
            baseline_set_before=existing is not None and existing.baseline_on is not None,
        )
        proposed["status"] = candidate.status
        if candidate.status != getattr(existing, "status", None) and "status" not in changed:
            changed.append("status")
        # Refs were matched to records and forums looked up once for the whole file: no per-row queries here.
        candidate.full_clean(exclude=["rag", "ref", "forum"] if existing else ["rag", "forum"], validate_unique=False)
        for dependency in values.get("depends_on", []):
            if dependency not in context["known_refs"]:
                raise ValueError(f"Depends On: no milestone {dependency}")
        # A new record is the checked candidate itself.
        milestone = existing if existing is not None else candidate
        for name in changed:
            setattr(milestone, name, proposed[name])
        # Bulk writes skip Milestone.save(), which derives the workstream from the ref.
        milestone.workstream = parse_ref(ref)[1]
        return milestone, changed

    def prepare(self, values, existing, context):
        milestone, changed = self._build(values, existing, context)
        current = {m.ref for m in existing.depends_on.all()} if existing else set()
        if existing and "depends_on" in values and set(values["depends_on"]) != current:
            changed.append("depends_on")
        self._checked[id(values)] = (values, milestone, changed)
        return changed

    def apply(self, values, existing, context, actor, reason):
        checked = self._checked.pop(id(values), None)
        milestone, changed = checked[1:] if checked else self._build(values, existing, context)
        if values.get("baseline_change_reference") and "baseline_on" in changed:
            milestone.baseline_change_reference = values["baseline_change_reference"]
        (context["updates"] if existing else context["creates"]).append(milestone)
        if "depends_on" in values:
            context["dependencies"][milestone.ref] = values["depends_on"]

    def finish(self, context, actor, reason):
        services.milestones_import(
            actor=actor,
            reason=reason,
            creates=context["creates"],
            updates=context["updates"],
            dependencies=context["dependencies"],
        )
