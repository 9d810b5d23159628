"""A party representative answers an open impact assessment in a real browser: on the CR page, revises it, sees the
tally move, and once the PMO close the assessment finds the form gone and a late answer refused."""

import datetime

import pytest
from django.contrib.auth.models import Group

from changes import services
from changes.choices import ChangeStage, Step
from changes.models import ImpactResponse
from core.roles import PARTICIPANT, PARTY_REPRESENTATIVE, PMO
from programme.models import Profile
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.programme.factories import ConstituencyFactory, OrganisationFactory

pytestmark = pytest.mark.browser

DAY = datetime.timedelta(days=1)


def tally_row(page, constituency):
    cells = page.get_by_test_id("impact-summary").get_by_role("row", name=constituency).get_by_role("cell")
    return [cell.inner_text().strip() for cell in cells.all()]


def test_a_representative_answers_revises_sees_the_tally_move_and_is_refused_after_the_close(live_server, page, today):
    dno = ConstituencyFactory(code="DNO", name="DNO", position=1)
    ukpn = OrganisationFactory(name="UKPN", constituency=dno)
    OrganisationFactory(name="SSEN", constituency=dno)
    representative = UserFactory(username="ukpn-rep", first_name="Rita", last_name="Patel", role=PARTICIPANT)
    representative.groups.add(Group.objects.get(name=PARTY_REPRESENTATIVE))
    Profile.objects.update_or_create(user=representative, defaults={"organisation": ukpn})
    pmo = UserFactory(username="pmo-officer", role=PMO)
    change_request = ChangeRequestFactory(
        ref="CR070",
        title="Change to the DIP message set",
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=today - 3 * DAY,
        ia_closes_on=today + 7 * DAY,
    )

    page.goto(f"{live_server.url}/login/?next=/changes/CR070/")
    page.get_by_label("Username").fill("ukpn-rep")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    form = page.get_by_test_id("your-answer")
    form.wait_for()
    assert tally_row(page, "DNO") == ["-", "-", "-", "2"]

    form.get_by_label("Support").check()
    form.get_by_label("Cost impact").fill("Low: under £10k")
    form.get_by_label("Systems impact").fill("MPRS interface")
    form.get_by_label("Comments").fill("We support it.")
    form.get_by_role("button", name="Submit answer").click()
    page.get_by_role("button", name="Revise answer").wait_for()
    assert page.get_by_role("alert").filter(has_text="Recorded: UKPN — Support.").is_visible()
    assert tally_row(page, "DNO") == ["1", "-", "-", "1"]

    form = page.get_by_test_id("your-answer")
    assert form.get_by_label("Cost impact").input_value() == "Low: under £10k"
    form.get_by_label("Reject").check()
    form.get_by_label("Shared with other parties").check()
    form.get_by_role("button", name="Revise answer").click()
    page.get_by_role("alert").filter(has_text="Recorded: UKPN — Reject.").wait_for()
    assert tally_row(page, "DNO") == ["-", "1", "-", "1"]
    answer = ImpactResponse.objects.get()
    assert [row.response for row in answer.history.order_by("history_date", "history_id")] == ["support", "reject"]

    # The page still shows the form when the PMO close the assessment: the late answer is refused, nothing written.
    services.change_request_transition(change_request=change_request, step=Step.CLOSE_IA, actor=pmo)
    form.get_by_label("Abstain").check()
    form.get_by_role("button", name="Revise answer").click()
    page.get_by_test_id("answer-closed").wait_for()
    assert page.get_by_role("alert").filter(has_text="PMO can reopen it").is_visible()
    assert page.get_by_test_id("your-answer").count() == 0
    assert ImpactResponse.objects.get().response == "reject"

    page.reload()
    assert page.get_by_test_id("your-answer").count() == 0
    assert "closed the impact assessment of CR070" in page.get_by_test_id("answer-closed").inner_text()
