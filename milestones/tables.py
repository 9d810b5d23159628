import django_tables2 as tables

from core.tables import record_url
from milestones.models import Milestone

RAG_BADGE = (
    '{% choice_badge record.rag "milestones.choices.Rag" %}{% if record.rag_override %} '
    '<span class="badge text-bg-light border" title="PMO override">override</span>{% endif %}'
)


class MilestoneTable(tables.Table):
    ref = tables.Column(linkify=record_url, verbose_name="Milestone ID")
    forum = tables.Column(order_by="forum__code")
    title = tables.Column()
    baseline_on = tables.DateColumn(format="d/m/Y", verbose_name="Baseline")
    forecast_on = tables.DateColumn(format="d/m/Y", verbose_name="Forecast")
    actual_on = tables.DateColumn(format="d/m/Y", verbose_name="Actual")
    responsible = tables.Column()
    rag = tables.TemplateColumn(RAG_BADGE, verbose_name="RAG")
    status = tables.TemplateColumn('{% choice_badge record.status "milestones.choices.MilestoneStatus" %}')
    classification = tables.TemplateColumn("{% classification_badge record.classification %}", verbose_name="")

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
