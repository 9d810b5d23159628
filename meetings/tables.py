import django_tables2 as tables
from django.utils.safestring import mark_safe

from core.tables import DateColumn, LeanTable, RefLink, date_text, text
from core.templatetags.governance import choice_badge, classification_badge
from meetings.models import Action, Decision, Meeting


class MeetingTable(LeanTable):
    ref = tables.Column(linkify=RefLink("meetings:detail"), verbose_name="Meeting")
    group = tables.Column(order_by="group__code")
    title = tables.Column()
    starts_at = DateColumn(format="D d/m/Y H:i", verbose_name="When")
    venue = tables.Column()
    status = tables.Column(empty_values=())
    headline_status = tables.Column(empty_values=(), verbose_name="Headline report")
    classification = tables.Column(empty_values=(), verbose_name="Classification")

    class Meta:
        model = Meeting
        fields = ("ref", "group", "title", "starts_at", "venue", "status", "headline_status", "classification")
        order_by = "-starts_at"

    def render_status(self, record):
        return choice_badge(record.status, "meetings.choices.MeetingStatus")

    def render_headline_status(self, record):
        return choice_badge(record.headline_status, "meetings.choices.HeadlineStatus")

    def render_classification(self, record):
        return classification_badge(record.classification)


class ActionTable(LeanTable):
    ref = tables.Column(linkify=RefLink("meetings:action-detail"), verbose_name="Ref")
    area = tables.Column()
    description = tables.Column(verbose_name="Action")
    owner = tables.Column()
    due = tables.Column(empty_values=(), verbose_name="Due", order_by=("due_on",))
    status = tables.Column(empty_values=())
    latest_update = tables.Column(verbose_name="Latest update")

    class Meta:
        model = Action
        fields = ("ref", "area", "description", "owner", "due", "status", "latest_update")
        order_by = ("ref",)

    def render_due(self, record):
        due = date_text(record.due_on, "d/m/y") if record.due_on else text(record.due_text)
        # A historical version (as-of view) has no RAG of its own to judge.
        rag = record.rag() if hasattr(record, "rag") else None
        return mark_safe(f"{due} {choice_badge(rag, 'meetings.choices.ActionRag')}" if rag else due)

    def render_status(self, record):
        return choice_badge(record.status, "meetings.choices.ActionStatus")


class DecisionTable(LeanTable):
    ref = tables.Column(linkify=RefLink("meetings:decision-detail"), verbose_name="Ref")
    meeting = tables.Column(linkify=RefLink("meetings:detail", "meeting.ref"), order_by="meeting__starts_at")
    area = tables.Column()
    text = tables.Column(verbose_name="Decision")
    decided_by = tables.Column()
    change_request = tables.Column(linkify=RefLink("changes:detail", "change_request.ref"), verbose_name="CR")

    class Meta:
        model = Decision
        fields = ("ref", "meeting", "area", "text", "decided_by", "change_request")
        order_by = ("-meeting",)
