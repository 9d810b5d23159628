import django_tables2 as tables
from django.utils.html import escape
from django.utils.safestring import mark_safe

from changes.models import ChangeRequest
from core.tables import DateColumn, LeanTable, RefLink
from core.templatetags.governance import choice_badge, classification_badge


class ChangeRequestTable(LeanTable):
    ref = tables.Column(linkify=RefLink("changes:detail"), verbose_name="Ref.")
    title = tables.Column(verbose_name="Key detail")
    raiser = tables.Column(
        empty_values=(), verbose_name="Change raiser(s)", order_by=("raiser_organisation__name", "raised_by")
    )
    change_type = tables.Column(verbose_name="Change type")
    latest_action = tables.Column()
    status = tables.Column(empty_values=(), verbose_name="Approval status")
    stage = tables.Column(empty_values=(), verbose_name="Current stage")
    decision_body = tables.Column(verbose_name="Decision body", order_by="decision_body__code")
    ia_closes_on = DateColumn(format="d/m/Y", verbose_name="IA closes")
    implementation_target = tables.Column(verbose_name="Implementation")
    classification = tables.Column(empty_values=(), verbose_name="Classification")

    class Meta:
        model = ChangeRequest
        fields = (
            "ref",
            "title",
            "raiser",
            "change_type",
            "latest_action",
            "status",
            "stage",
            "decision_body",
            "ia_closes_on",
            "implementation_target",
            "classification",
        )
        order_by = "-ref"

    def render_raiser(self, record):
        return mark_safe(", ".join(escape(name) for name in (record.raised_by, record.raiser_organisation) if name))

    def render_status(self, record):
        return choice_badge(record.status, "changes.choices.ChangeStatus")

    def render_stage(self, record):
        return choice_badge(record.stage, "changes.choices.ChangeStage")

    def render_classification(self, record):
        return classification_badge(record.classification)
