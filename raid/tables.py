import django_tables2 as tables

from core.tables import record_url
from raid.models import RaidItem


class RaidItemTable(tables.Table):
    ref = tables.Column(linkify=record_url, verbose_name="ID")
    kind = tables.TemplateColumn('{% choice_badge record.kind "raid.choices.RaidKind" %}')
    title = tables.Column()
    theme = tables.Column(order_by="theme__name")
    owner = tables.Column()
    score = tables.TemplateColumn(
        '<span class="fw-semibold">{{ record.score }}</span> {% band_badge record.score %}', verbose_name="Score"
    )
    movement = tables.TemplateColumn(
        "{% with movement=movements|get_item:record.id %}{% if movement %}"
        '<span class="text-{{ movement.colour }}">{{ movement.text }}</span>{% endif %}{% endwith %}',
        verbose_name="Movement",
        orderable=False,
    )
    groups = tables.TemplateColumn(
        # A historical version (as-of view) keeps its groups in another shape: shown on the record's page.
        "{% if not record.history_id %}{% for group in record.groups.all %}{{ group.code }}"
        "{% if not forloop.last %}, {% endif %}{% endfor %}{% endif %}",
        verbose_name="Groups",
        orderable=False,
    )
    status = tables.TemplateColumn('{% choice_badge record.status "raid.choices.RaidStatus" %}')
    classification = tables.TemplateColumn("{% classification_badge record.classification %}", verbose_name="")

    class Meta:
        model = RaidItem
        fields = ("ref", "kind", "title", "theme", "owner", "score", "movement", "groups", "status", "classification")
        order_by = ("-score", "ref")
