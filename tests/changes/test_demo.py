"""load_demo's change control: the seed CRs and CR054's impact assessment, matching the PSG #36 papers."""

from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from changes.models import ChangeRequest, ImpactResponse
from changes.selectors import impact_summary
from changes.services import change_request_create

pytestmark = pytest.mark.django_db

# "CR054 – Submitted Impact Assessments", PSG #36 papers (04 Sep 2024): (row, yes, no, abstain, no reply). The
# papers write some rows in plural or short form; the programme's constituencies use the singular names.
PSG36_CR054_TABLE = [
    ("Large Supplier", 3, 0, 1, 1),
    ("Medium Supplier", 1, 0, 0, 6),
    ("Small Supplier", 1, 0, 0, 32),
    ("I&C Supplier", 2, 0, 0, 39),
    ("DNO", 6, 0, 0, 0),
    ("iDNO", 2, 0, 0, 11),
    ("Independent Agent", 2, 0, 0, 45),
    ("Supplier Agent", 0, 0, 0, 7),
    ("Software Provider", 3, 0, 0, 22),
    ("REC Code Manager", 1, 0, 0, 0),
    ("National Grid ESO", 0, 0, 1, 0),
    ("Consumer", 0, 0, 0, 1),
    ("Elexon (Helix)", 0, 1, 0, 0),
    ("DCC", 0, 0, 1, 0),
    ("SRO / IM & LDP", 1, 0, 0, 0),
    ("IPA", 0, 0, 1, 0),
    ("Avanade", 0, 0, 0, 1),
]

# The "Change Request Status" slide of the same papers (updated to 27/08/2024).
PSG36_STATUS_SLIDE = {
    "CR051": ("Deferral of MHSSP-037", "approved", "complete"),
    "CR052": ("Amending the 'M7 SCR powers enabled' Milestone", "approved", "complete"),
    "CR053": ("ISD Publication Frequency Change", "approved", "complete"),
    "CR054": ("Change to Non-Functional Requirements for LDSOs", "open", "awaiting_decision"),
}


def load_demo():
    call_command("load_demo", "--no-users", stdout=StringIO())


@pytest.fixture
def demo():
    load_demo()


def counts():
    history = ChangeRequest.history.model.objects.count(), ImpactResponse.history.model.objects.count()
    return ChangeRequest.objects.count(), ImpactResponse.objects.count(), *history


def test_it_reproduces_the_psg36_cr054_impact_assessment_table(demo):
    summary = impact_summary(ChangeRequest.objects.get(ref="CR054"))

    assert [(row.constituency, row.yes, row.no, row.abstain, row.no_reply) for row in summary.rows] == (
        PSG36_CR054_TABLE
    )
    assert (summary.totals.yes, summary.totals.no, summary.totals.abstain, summary.totals.no_reply) == (22, 1, 4, 165)


def test_it_serves_the_cr054_summary_through_the_api(demo, participant_user):
    api = APIClient()
    api.force_authenticate(participant_user)

    body = api.get("/api/change-requests/CR054/impact-summary/").json()

    assert body["totals"] == {"yes": 22, "no": 1, "abstain": 4, "no_reply": 165}
    rows = {row["constituency"]: row for row in body["rows"]}
    assert rows["Large Supplier"] == {"constituency": "Large Supplier", "yes": 3, "no": 0, "abstain": 1, "no_reply": 1}
    assert rows["Elexon (Helix)"] == {"constituency": "Elexon (Helix)", "yes": 0, "no": 1, "abstain": 0, "no_reply": 0}


def test_it_gives_elexons_rejection_its_reason(demo):
    [rejection] = ImpactResponse.objects.filter(change_request__ref="CR054", response="reject")

    assert rejection.organisation.constituency.code == "ELEXON"
    assert "All Services" in rejection.comments


def test_it_loads_cr051_to_cr054_as_the_status_slide_has_them(demo):
    loaded = {
        cr.ref: (cr.title, cr.status, cr.stage) for cr in ChangeRequest.objects.filter(ref__in=PSG36_STATUS_SLIDE)
    }

    assert loaded == PSG36_STATUS_SLIDE
    cr054 = ChangeRequest.objects.select_related("raiser_organisation").get(ref="CR054")
    assert (cr054.raised_by, cr054.raiser_organisation.name) == ("David Yeoman", "UKPN")
    assert cr054.latest_action == "Validated by Change Board for Impact Assessment"
    assert ChangeRequest.objects.get(ref="CR051").implementation_target == "M6 (Aug-24)"


def test_it_generates_the_next_cr_ref_after_the_seeded_ones(demo, pmo_user):
    created = change_request_create(actor=pmo_user, title="First CR after the demo")

    highest = max(int(ref[2:]) for ref in ChangeRequest.objects.exclude(pk=created.pk).values_list("ref", flat=True))
    assert created.ref == f"CR{highest + 1:03d}"


def test_it_changes_nothing_when_loaded_twice(demo):
    before = counts()
    summary_before = impact_summary(ChangeRequest.objects.get(ref="CR054")).as_dict()

    load_demo()

    assert counts() == before
    assert impact_summary(ChangeRequest.objects.get(ref="CR054")).as_dict() == summary_before
    assert before[0] >= 4
    assert before[1] == 27  # 22 + 1 + 4 answers
