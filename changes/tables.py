import django_tables2 as tables

from changes.models import ChangeRequest
from core.tables import record_url

STATUS_BADGE = '{% choice_badge record.status "changes.choices.ChangeStatus" %}'
STAGE_BADGE = '{% choice_badge record.stage "changes.choices.ChangeStage" %}'


class ChangeRequestTable(tables.Table):
    ref = tables.Column(linkify=record_url, verbose_name="Ref.")
    title = tables.Column(verbose_name="Key detail")
    raiser = tables.TemplateColumn(
        "{{ record.raised_by|default:'' }}{% if record.raised_by and record.raiser_organisation %}, {% endif %}"
        "{{ record.raiser_organisation|default:'' }}",
        verbose_name="Change raiser(s)",
        order_by=("raiser_organisation__name", "raised_by"),
    )
    change_type = tables.Column(verbose_name="Change type")
    latest_action = tables.Column()
    status = tables.TemplateColumn(STATUS_BADGE, verbose_name="Approval status")
    stage = tables.TemplateColumn(STAGE_BADGE, verbose_name="Current stage")
    decision_body = tables.Column(verbose_name="Decision body", order_by="decision_body__code")
    ia_closes_on = tables.DateColumn(format="d/m/Y", verbose_name="IA closes")
    implementation_target = tables.Column(verbose_name="Implementation")
    classification = tables.TemplateColumn("{% classification_badge record.classification %}", verbose_name="")

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
