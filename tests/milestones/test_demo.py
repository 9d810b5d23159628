"""The demo milestones replay the papers' history, so RAG as reported at PSG #36 can be read back."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from core.choices import Classification
from core.selectors import Audience
from milestones import selectors
from milestones.choices import Rag
from milestones.models import Milestone

pytestmark = pytest.mark.django_db

PSG36 = datetime.date(2024, 9, 4)


@pytest.fixture
def demo():
    call_command("load_demo", "--no-users", stdout=StringIO())


def test_the_psg36_delivery_dashboard_rows_are_loaded(demo):
    milestone = Milestone.objects.get(ref="T3-DB-0153")
    assert milestone.forum.code == "SITAG"
    assert (milestone.baseline_on, milestone.forecast_on) == (datetime.date(2024, 5, 30), datetime.date(2024, 5, 30))
    assert Milestone.objects.filter(forum__code="SITAG").count() >= 20


def test_rag_as_reported_at_psg36_shows_week_on_week_movement(demo):
    rows = {
        row.milestone.ref: row
        for row in selectors.delivery_dashboard(
            list(Milestone.objects.filter(forum__code="SITAG")),
            selectors.reporting_dates(PSG36),
            Audience(Classification.RESTRICTED),
        )
    }

    assert rows["T3-DB-0153"].current.rag == Rag.RED
    # Baseline 06/09/24: Green a week before PSG #36, Red by the following week.
    assert (rows["T3-DB-0165"].previous.rag, rows["T3-DB-0165"].forecast.rag) == (Rag.GREEN, Rag.RED)


def test_baseline_moves_are_recorded_with_their_authority(demo):
    m7 = Milestone.objects.get(ref="M7")
    reasons = list(m7.history.values_list("history_change_reason", flat=True))

    assert m7.baseline_on == datetime.date(2024, 12, 11)
    assert "Baseline moved under CR052" in reasons
    assert m7.history.earliest("history_date").baseline_on == datetime.date(2024, 11, 11)


def test_the_stored_rag_is_computed_for_every_demo_milestone(demo):
    assert not Milestone.objects.filter(rag="").exists()
    assert Milestone.objects.get(ref="M6").rag == Rag.COMPLETE


def test_loading_twice_changes_nothing(demo):
    counts = (Milestone.objects.count(), Milestone.history.count())

    call_command("load_demo", "--no-users", stdout=StringIO())

    assert (Milestone.objects.count(), Milestone.history.count()) == counts
