"""The demo's change control: the CRs of the seed papers and CR054's impact assessment, reproducing the
PSG #36 "Submitted Impact Assessments" table (22 supported, 1 rejected, 4 abstained, 165 no reply)."""

import datetime
from collections import Counter

from django.utils import timezone

from changes import demo_data, services
from changes.choices import ChangeStage, ChangeStatus, ChangeType, ImpactResponseChoice, Sharing
from changes.models import ChangeRequest, ImpactResponse
from core.records import upsert
from programme.models import Constituency, GovernanceGroup, Organisation

# The table's row labels → the constituency codes of programme.demo_reference.
CR054_ROWS = {
    "Large Suppliers": "LARGE_SUPPLIER",
    "Medium Suppliers": "MEDIUM_SUPPLIER",
    "Small Suppliers": "SMALL_SUPPLIER",
    "I&C": "IC_SUPPLIER",
    "DNOs": "DNO",
    "iDNOs": "IDNO",
    "Ind. Agents": "IND_AGENT",
    "Supplier Agents": "SUPPLIER_AGENT",
    "S/W Providers": "SOFTWARE_PROVIDER",
    "REC Code Manager": "REC_CODE_MANAGER",
    "National Grid ESO": "NG_ESO",
    "Consumer": "CONSUMER",
    "Elexon (Helix)": "ELEXON",
    "DCC": "DCC",
    "SRO / IM & LDP": "SRO_IM_LDP",
    "IPA": "IPA",
    "Avanade": "AVANADE",
}

# Reasons the paper gives, by constituency and answer.
CR054_COMMENTS = {
    ("ELEXON", ImpactResponseChoice.REJECT): (
        "The NFR definition of 'All Services' should not be changed to 'All Services by market role'. Helix "
        "interfaces with the DIP through a common Data Acquisition Hub; a dispensation should keep the original "
        "definition for participants that operate more than one role."
    ),
    ("LARGE_SUPPLIER", ImpactResponseChoice.ABSTAIN): (
        "Unable to determine the consequential impacts on Suppliers, Data Services and Metering Services."
    ),
    ("NG_ESO", ImpactResponseChoice.ABSTAIN): "Not impacted by the proposed changes.",
    ("DCC", ImpactResponseChoice.ABSTAIN): "Not impacted by the proposed changes.",
    ("IPA", ImpactResponseChoice.ABSTAIN): "Not impacted by the proposed changes.",
    ("SRO_IM_LDP", ImpactResponseChoice.SUPPORT): "The Programme are supportive.",
}

UNTITLED = "Title not given in the seed papers"
# The CR whose impact assessment answers the papers tabulate.
ASSESSED = "CR054"
# The oldest seed paper: a CR it mentions without a date existed by then.
EARLIEST_PAPER = datetime.date(2024, 2, 28)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load(outcomes: Counter) -> None:
    groups = {group.code: group for group in GovernanceGroup.objects.all()}
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for record in demo_data.CHANGE_REQUESTS:
        values = {
            "title": record.get("title") or UNTITLED,
            "description": record.get("description") or "",
            "raised_by": record.get("raised_by") or "",
            "raiser_organisation": organisations.get(record.get("raiser_organisation") or ""),
            "change_type": record.get("change_type") or ChangeType.FULL_IMPACT_ASSESSMENT,
            "status": record.get("status") or ChangeStatus.OPEN,
            "stage": record.get("stage") or ChangeStage.RAISED,
            "latest_action": record.get("latest_action") or "",
            "decision_body": groups.get(record.get("decision_body") or ""),
            "raised_on": _date(record.get("raised_on")),
            "ia_opens_on": _date(record.get("ia_opens_on")),
            "ia_closes_on": _date(record.get("ia_closes_on")),
            "decided_on": _date(record.get("decided_on")),
            "implementation_target": record.get("implementation_target") or "",
            "change_owner": record.get("change_owner") or "",
        }
        existing = ChangeRequest.objects.filter(ref=record["ref"]).first()
        if existing is not None and all(getattr(existing, name) == value for name, value in values.items()):
            outcomes["change requests unchanged"] += 1
            continue
        source = f"Loaded from {record.get('source', 'the seed papers')}"
        if record["ref"] == ASSESSED and existing is None:
            # Its answers came in while its assessment was open: recorded there and answered, it then moves on
            # along the lifecycle to where the papers place it.
            at_assessment = {**values, "stage": ChangeStage.IMPACT_ASSESSMENT, "status": ChangeStatus.OPEN}
            assessed = services.change_request_import(actor=None, reason=source, ref=ASSESSED, **at_assessment)
            _load_cr054_impact_assessment(assessed, outcomes)
        # Through the import's service, as a spreadsheet of the log would be: recorded where the papers place it.
        change_request = services.change_request_import(actor=None, reason=source, ref=record["ref"], **values)
        if existing is None:
            # Dated as the papers date the CR, so the register read "as of" a past date shows it then.
            known = values["raised_on"] or values["ia_opens_on"] or values["ia_closes_on"] or values["decided_on"]
            moment = timezone.make_aware(datetime.datetime.combine(known or EARLIEST_PAPER, datetime.time(9)))
            ChangeRequest.history.filter(id=change_request.pk).update(history_date=moment)
        outcomes[f"change requests {'created' if existing is None else 'updated'}"] += 1


def _load_cr054_impact_assessment(change_request: ChangeRequest, outcomes: Counter) -> None:
    constituencies = {c.code: c for c in Constituency.objects.filter(code__in=CR054_ROWS.values())}
    if set(change_request.ia_constituencies.all()) != set(constituencies.values()):
        change_request = services.change_request_edit(
            change_request=change_request,
            actor=None,
            reason="Invited as the PSG #36 impact assessment table lists",
            ia_constituencies=list(constituencies.values()),
        )

    for label, yes, no, abstain, no_reply in demo_data.CR054_IMPACT_ASSESSMENT:
        constituency = constituencies[CR054_ROWS[label]]
        parties = _population(constituency, yes + no + abstain + no_reply, outcomes)
        answers = (
            [ImpactResponseChoice.SUPPORT] * yes
            + [ImpactResponseChoice.REJECT] * no
            + [ImpactResponseChoice.ABSTAIN] * abstain
        )
        for organisation, answer in zip(parties, answers, strict=False):
            comments = CR054_COMMENTS.get((constituency.code, answer), "")
            held = ImpactResponse.objects.filter(change_request=change_request, organisation=organisation).first()
            if held is not None and (held.response, held.comments) == (answer, comments):
                outcomes["impact responses unchanged"] += 1
                continue
            # Received by the assessment's deadline, as the PSG #36 table reports them.
            services.impact_response_record(
                change_request=change_request,
                organisation=organisation,
                response=answer,
                comments=comments,
                actor=None,
                received_on=change_request.ia_closes_on,
                reason="Loaded from the PSG #36 impact assessment table",
                # The papers published these comments to every party.
                shared=Sharing.SHARED,
            )
            outcomes[f"impact responses {'created' if held is None else 'updated'}"] += 1


def _population(constituency: Constituency, size: int, outcomes: Counter) -> list[Organisation]:
    """The constituency's parties: those the papers name, then unnamed ones up to the size the IA table gives
    (the papers count 192 parties but name only some)."""
    # Creation order: the named parties first, so the same ones answer on every run.
    named = list(constituency.organisations.filter(active=True).order_by("pk"))
    for number in range(len(named) + 1, size + 1):
        organisation, outcome = upsert(
            Organisation, {"name": f"{constituency.name} party {number:02d} (unnamed)"}, {"constituency": constituency}
        )
        outcomes[f"organisations {outcome}"] += 1
        named.append(organisation)
    return named[:size]
