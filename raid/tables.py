import django_tables2 as tables
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.tables import LeanTable, RefLink, text
from core.templatetags.governance import choice_badge, classification_badge
from raid.models import RaidItem


class RaidItemTable(LeanTable):
    ref = tables.Column(linkify=RefLink("raid:detail"), verbose_name="ID")
    kind = tables.Column(empty_values=())
    title = tables.Column()
    theme = tables.Column(order_by="theme__name")
    owner = tables.Column()
    score = tables.Column(empty_values=(), verbose_name="Score")
    movement = tables.Column(empty_values=(), verbose_name="Movement", orderable=False)
    groups = tables.Column(empty_values=(), verbose_name="Groups", orderable=False)
    status = tables.Column(empty_values=())
    classification = tables.Column(empty_values=(), verbose_name="Classification")

    # Set by the page: each item's movement (raid.selectors.movements) and the scoring its bands come from.
    movements: dict = {}
    scoring = None

    class Meta:
        model = RaidItem
        fields = ("ref", "kind", "title", "theme", "owner", "score", "movement", "groups", "status", "classification")
        order_by = ("-score", "ref")

    def render_kind(self, record):
        return choice_badge(record.kind, "raid.choices.RaidKind")

    def render_score(self, record):
        band = self.scoring.band(record.score)
        return mark_safe(
            f'<span class="fw-semibold">{text(record.score)}</span> {choice_badge(band, "raid.choices.Band")}'
        )

    def render_movement(self, record):
        movement = self.movements.get(record.id)
        if not movement:
            return ""
        return mark_safe(f'<span class="text-{escape(movement.colour)}">{escape(movement.text)}</span>')

    def render_groups(self, record):
        # A historical version (as-of view) keeps its groups in another shape: shown on the record's page.
        if hasattr(record, "history_id"):
            return ""
        return ", ".join(group.code for group in record.groups.all())

    def render_status(self, record):
        return choice_badge(record.status, "raid.choices.RaidStatus")

    def render_classification(self, record):
        return classification_badge(record.classification)
