import django_tables2 as tables

from core.tables import record_url
from meetings.models import Action, Decision, Meeting


class MeetingTable(tables.Table):
    ref = tables.Column(linkify=record_url, verbose_name="Meeting")
    group = tables.Column(order_by="group__code")
    title = tables.Column()
    starts_at = tables.DateTimeColumn(format="D d/m/Y H:i", verbose_name="When")
    venue = tables.Column()
    status = tables.TemplateColumn('{% choice_badge record.status "meetings.choices.MeetingStatus" %}')
    headline_status = tables.TemplateColumn(
        '{% choice_badge record.headline_status "meetings.choices.HeadlineStatus" %}', verbose_name="Headline report"
    )
    classification = tables.TemplateColumn("{% classification_badge record.classification %}", verbose_name="")

    class Meta:
        model = Meeting
        fields = ("ref", "group", "title", "starts_at", "venue", "status", "headline_status", "classification")
        order_by = "-starts_at"


class ActionTable(tables.Table):
    ref = tables.Column(linkify=record_url, verbose_name="Ref")
    area = tables.Column()
    description = tables.Column(verbose_name="Action")
    owner = tables.Column()
    due = tables.TemplateColumn(
        '{% if record.due_on %}{{ record.due_on|date:"d/m/y" }}{% else %}{{ record.due_text }}{% endif %}'
        '{% with rag=record.rag %}{% if rag %} {% choice_badge rag "meetings.choices.ActionRag" %}{% endif %}'
        "{% endwith %}",
        verbose_name="Due",
        order_by=("due_on",),
    )
    status = tables.TemplateColumn('{% choice_badge record.status "meetings.choices.ActionStatus" %}')
    latest_update = tables.Column(verbose_name="Latest update")

    class Meta:
        model = Action
        fields = ("ref", "area", "description", "owner", "due", "status", "latest_update")
        order_by = ("ref",)


class DecisionTable(tables.Table):
    ref = tables.Column(linkify=record_url, verbose_name="Ref")
    meeting = tables.Column(linkify=True, order_by="meeting__starts_at")
    area = tables.Column()
    text = tables.Column(verbose_name="Decision")
    decided_by = tables.Column()
    change_request = tables.Column(linkify=True, verbose_name="CR")

    class Meta:
        model = Decision
        fields = ("ref", "meeting", "area", "text", "decided_by", "change_request")
        order_by = ("-meeting",)
