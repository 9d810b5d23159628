import django_tables2 as tables
from django.utils.safestring import mark_safe

from core.tables import DateColumn, LeanTable, RefLink
from core.templatetags.governance import choice_badge, classification_badge
from milestones.models import Milestone

OVERRIDE = ' <span class="badge text-bg-light border" title="PMO override">override</span>'


class MilestoneTable(LeanTable):
    ref = tables.Column(linkify=RefLink("milestones:detail"), verbose_name="Milestone ID")
    forum = tables.Column(order_by="forum__code")
    title = tables.Column()
    baseline_on = DateColumn(format="d/m/Y", verbose_name="Baseline")
    forecast_on = DateColumn(format="d/m/Y", verbose_name="Forecast")
    actual_on = DateColumn(format="d/m/Y", verbose_name="Actual")
    responsible = tables.Column()
    rag = tables.Column(empty_values=(), verbose_name="RAG")
    status = tables.Column(empty_values=())
    classification = tables.Column(empty_values=(), verbose_name="Classification")

    class Meta:
        model = Milestone
        fields = (
            "ref",
            "forum",
            "title",
            "baseline_on",
            "forecast_on",
            "actual_on",
            "responsible",
            "rag",
            "status",
            "classification",
        )
        order_by = ("baseline_on", "ref")

    def render_rag(self, record):
        rag = choice_badge(record.rag, "milestones.choices.Rag")
        return mark_safe(rag + OVERRIDE) if record.rag_override else rag

    def render_status(self, record):
        return choice_badge(record.status, "milestones.choices.MilestoneStatus")

    def render_classification(self, record):
        return classification_badge(record.classification)
