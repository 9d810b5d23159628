"""The Change Control Log and IA responses as spreadsheets ("Ref.", "Key Detail", "Change Raiser(s)", …).

Rows are written by changes.services: a CR new to the register is recorded at the stage and status the log gives
(if change control can reach them), one it has already moves only along the lifecycle, and IA responses are
taken only while the assessment was open — the rules of the pages, with the row named when one refuses.

The choice columns read the wordings the programme's papers use (core.vocabulary): the variants below are those of
the seed papers and the logs before them."""

from django.utils import timezone

from changes import services
from changes.choices import ChangeStage, ChangeStatus, ChangeType, ImpactResponseChoice
from changes.models import ChangeRequest, ImpactResponse
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
from core.vocabulary import Means
from programme.models import GovernanceGroup, Organisation

FIELDS = (
    "title",
    "description",
    "raised_by",
    "raiser_organisation",
    "change_type",
    "status",
    "stage",
    "latest_action",
    "decision_body",
    "raised_on",
    "ia_opens_on",
    "ia_closes_on",
    "decided_on",
    "implementation_target",
    "change_owner",
    "classification",
)
NULLABLE = {"raiser_organisation", "decision_body", "raised_on", "ia_opens_on", "ia_closes_on", "decided_on"}
DEFAULTS = {
    "change_type": ChangeType.FULL_IMPACT_ASSESSMENT,
    "status": ChangeStatus.OPEN,
    "stage": ChangeStage.RAISED,
    "classification": Classification.PUBLIC,
}


# "The Authority" is Ofgem, the regulator (CCAG #36: "Awaiting Authority decision").
AUTHORITY = "OFGEM"

STAGE_VARIANTS = {
    # CCAG #36 papers and the code bodies' logs: the decision is Ofgem's.
    "Awaiting Authority decision": Means(ChangeStage.AWAITING_DECISION, {"decision_body": AUTHORITY}),
    "Awaiting Authority approval": Means(ChangeStage.AWAITING_DECISION, {"decision_body": AUTHORITY}),
    "Awaiting Authority approval decision": Means(ChangeStage.AWAITING_DECISION, {"decision_body": AUTHORITY}),
    "Sent to the Authority for decision": Means(ChangeStage.AWAITING_DECISION, {"decision_body": AUTHORITY}),
    "Awaiting decision": ChangeStage.AWAITING_DECISION,
    "Awaiting approval": ChangeStage.AWAITING_DECISION,
    "Voting": ChangeStage.AWAITING_DECISION,
    # Before the Change Board validates a CR for impact assessment.
    "New": ChangeStage.RAISED,
    "Under Development": ChangeStage.RAISED,
    "Initial Assessment": ChangeStage.RAISED,
    "Validated by Change Board for Impact Assessment": ChangeStage.VALIDATED,
    "Validated": ChangeStage.VALIDATED,
    "Issued for Impact Assessment": ChangeStage.IMPACT_ASSESSMENT,
    "In Impact Assessment": ChangeStage.IMPACT_ASSESSMENT,
    "Awaiting implementation": Means(ChangeStage.APPROVED, {"status": ChangeStatus.APPROVED}),
    "Implemented": ChangeStage.COMPLETE,
    "Completed": ChangeStage.COMPLETE,
    # A decision written in the stage column: the status it names, at the stage change control puts it.
    "Approved": Means(ChangeStage.APPROVED, {"status": ChangeStatus.APPROVED}),
    "Rejected": Means(ChangeStage.CLOSED, {"status": ChangeStatus.REJECTED}),
    "Withdrawn": Means(ChangeStage.CLOSED, {"status": ChangeStatus.WITHDRAWN}),
    "On Hold": Means("", {"status": ChangeStatus.ON_HOLD}),
}
# PSG #36: "Awaiting PSG approval decision" — awaiting the decision of the group it names.
STAGE_PATTERNS = [
    (r"awaiting (?P<decision_body>[a-z0-9 ]+?) (?:approval decision|approval|decision)", ChangeStage.AWAITING_DECISION)
]
STATUS_VARIANTS = {"Live": ChangeStatus.OPEN, "Not approved": ChangeStatus.REJECTED, "Paused": ChangeStatus.ON_HOLD}
TYPE_VARIANTS = {
    "Full IA": ChangeType.FULL_IMPACT_ASSESSMENT,
    "Full": ChangeType.FULL_IMPACT_ASSESSMENT,
    "Fast Track": ChangeType.FAST_TRACK,
}
DECISION_BODY_VARIANTS = {"Authority": AUTHORITY, "The Authority": AUTHORITY}
RESPONSE_VARIANTS = {
    "Yes": ImpactResponseChoice.SUPPORT,
    "Supported": ImpactResponseChoice.SUPPORT,
    "Supportive": ImpactResponseChoice.SUPPORT,
    "No": ImpactResponseChoice.REJECT,
    "Rejected": ImpactResponseChoice.REJECT,
    "Not supported": ImpactResponseChoice.REJECT,
    "Not supportive": ImpactResponseChoice.REJECT,
    "Abstained": ImpactResponseChoice.ABSTAIN,
}


def _decision_bodies():
    return GovernanceGroup.objects.values_list("code", "name")


class ChangeRequestSheet(RegisterSheet):
    kind = "change-requests"
    title = "Change Control Log"
    model = ChangeRequest
    columns = (
        Column("Ref.", "ref", ("Ref", "CR", "CR Ref"), required=True),
        Column("Key Detail", "title", ("Title", "Change Title"), required=True),
        Column("Description", "description", ("Detail",)),
        Column("Change Raiser(s)", "raised_by", ("Change Raiser", "Raiser", "Raised By")),
        Column("Raiser Organisation", "raiser_organisation", ("Organisation",), export=lambda o: o.name if o else ""),
        Column(
            "Change Type",
            "change_type",
            parse=choice(ChangeType.choices, TYPE_VARIANTS),
            export=label_of(ChangeType.choices),
        ),
        Column("Latest Action", "latest_action"),
        Column(
            "Approval Status",
            "status",
            ("Status",),
            parse=choice(ChangeStatus.choices, STATUS_VARIANTS),
            export=label_of(ChangeStatus.choices),
        ),
        Column(
            "Current Stage in Change Control",
            "stage",
            ("Stage", "Current Stage"),
            parse=choice(ChangeStage.choices, STAGE_VARIANTS, STAGE_PATTERNS),
            export=label_of(ChangeStage.choices),
        ),
        Column(
            "Decision Body",
            "decision_body",
            parse=choice(_decision_bodies, DECISION_BODY_VARIANTS, unknown="no governance group"),
            export=lambda g: g.code if g else "",
        ),
        Column("Raised", "raised_on", ("Date Raised",), parse=parse_uk_date, export=export_date),
        Column("IA Opens", "ia_opens_on", parse=parse_uk_date, export=export_date),
        Column("IA Closes", "ia_closes_on", ("IA Deadline",), parse=parse_uk_date, export=export_date),
        Column("Decided", "decided_on", ("Decision Date",), parse=parse_uk_date, export=export_date),
        Column("Implementation date/milestone", "implementation_target", ("Implementation", "Implementation Target")),
        Column("Change Owner(s)", "change_owner", ("Change Owner",)),
        Column(
            "Classification",
            "classification",
            parse=choice(Classification.choices, CLASSIFICATION_VARIANTS),
            export=label_of(Classification.choices),
        ),
    )

    def queryset_for_export(self, queryset):
        return queryset.select_related("raiser_organisation", "decision_body")

    def context(self, rows):
        return {
            "groups": {g.code: g for g in GovernanceGroup.objects.all()},
            "organisations": {o.name: o for o in Organisation.objects.all()},
        }

    def _proposed(self, values, existing, context) -> dict:
        proposed = {}
        for name in FIELDS:
            if name not in values:
                continue
            value = values[name]
            if name == "decision_body":
                value = context["groups"].get(text(value)) if text(value) else None
                if text(values[name]) and value is None:
                    raise ValueError(f"Decision Body: no governance group {text(values[name])}")
            elif name == "raiser_organisation":
                value = context["organisations"].get(text(value)) if text(value) else None
                if text(values[name]) and value is None:
                    raise ValueError(f"Raiser Organisation: no programme party '{text(values[name])}'")
            elif value in ("", None) and name in DEFAULTS:
                value = getattr(existing, name) if existing else DEFAULTS[name]
            elif value is None and name not in NULLABLE:
                value = ""
            proposed[name] = value
        return proposed

    def prepare(self, values, existing, context):
        proposed = self._proposed(values, existing, context)
        candidate = ChangeRequest(ref=text(values["ref"]), **{**DEFAULTS, **_current(existing), **proposed})
        candidate.full_clean(exclude=["ref"] if existing else None, validate_unique=existing is None)
        if existing is None:
            return list(proposed)
        return [name for name, value in proposed.items() if getattr(existing, name) != value]

    def apply(self, values, existing, context, actor, reason):
        proposed = self._proposed(values, existing, context)
        services.change_request_import(actor=actor, reason=reason, ref=text(values["ref"]), **proposed)


def _current(existing) -> dict:
    return {name: getattr(existing, name) for name in FIELDS} if existing else {}


class ImpactResponseSheet(RegisterSheet):
    """One row per organisation's answer to a CR's impact assessment."""

    kind = "impact-responses"
    title = "IA Responses"
    model = ImpactResponse
    columns = (
        Column("Change Request", "change_request", ("CR", "Ref.", "Ref"), required=True, export=lambda cr: cr.ref),
        Column("Organisation", "organisation", ("Programme Party", "Party"), required=True, export=lambda o: o.name),
        Column("Constituency", "constituency", export_only=True, export=lambda c: c.name if c else ""),
        Column(
            "Response",
            "response",
            ("Recommendation",),
            required=True,
            parse=choice(ImpactResponseChoice.choices, RESPONSE_VARIANTS),
            export=label_of(ImpactResponseChoice.choices),
        ),
        Column("Comments", "comments", ("Comment",)),
        # When the answer came in: an assessment's answers may be keyed in after it closed.
        Column("Received", "received_on", ("Date Received", "Response Date"), parse=parse_uk_date),
    )

    def export_row(self, record):
        return [
            record.change_request.ref,
            record.organisation.name,
            record.organisation.constituency.name,
            record.get_response_display(),
            # Another party's answer kept for the PMO: counted, its comments not exported (as of any moment).
            ""
            if self.reader is not None and not self.reader.has_perm("changes.read_answer_details", record)
            else record.comments,
            export_date(timezone.localtime(record.responded_at).date()),
        ]

    def queryset_for_export(self, queryset):
        return queryset.select_related("change_request", "organisation__constituency")

    def row_key(self, values):
        return f"{text(values.get('change_request'))} / {text(values.get('organisation'))}"

    def existing(self, keys):
        found = {}
        for response in ImpactResponse.objects.select_related("change_request", "organisation"):
            key = f"{response.change_request.ref} / {response.organisation.name}"
            if key in keys:
                found[key] = response
        return found

    def context(self, rows):
        return {
            "crs": {
                cr.ref: cr for cr in ChangeRequest.objects.filter(ref__in={text(r.get("change_request")) for r in rows})
            },
            "organisations": {
                o.name: o for o in Organisation.objects.filter(name__in={text(r.get("organisation")) for r in rows})
            },
        }

    def prepare(self, values, existing, context):
        if text(values["change_request"]) not in context["crs"]:
            raise ValueError(f"Change Request: no change request {text(values['change_request'])}")
        if text(values["organisation"]) not in context["organisations"]:
            raise ValueError(f"Organisation: no programme party '{text(values['organisation'])}'")
        if existing is None:
            return ["response", "comments"]
        return [n for n in ("response", "comments") if getattr(existing, n) != values.get(n, getattr(existing, n))]

    def apply(self, values, existing, context, actor, reason):
        services.impact_response_record(
            change_request=context["crs"][text(values["change_request"])],
            organisation=context["organisations"][text(values["organisation"])],
            response=values["response"],
            comments=values.get("comments", existing.comments if existing else ""),
            received_on=values.get("received_on"),
            actor=actor,
            reason=reason,
        )
