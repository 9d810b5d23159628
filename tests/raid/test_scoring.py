"""raid.scoring: the one editable likelihood × impact matrix, the bands, issues scored from impact alone, and
what happens when PMO edit the matrix in the admin or a test database is flushed."""

import pytest

from raid.choices import IMPACTS, ISSUE_LIKELIHOOD, LIKELIHOODS, Band, RaidKind
from raid.models import RaidItem, ScoreBand, ScoreMatrixCell
from raid.scoring import DEFAULT_MATRIX, load_scoring
from tests.factories import UserFactory
from tests.raid.factories import RaidItemFactory

pytestmark = pytest.mark.django_db

RESCORED = "Re-scored after the scoring matrix changed"


@pytest.fixture
def scoring():
    return load_scoring()


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


def cell(likelihood, impact):
    return ScoreMatrixCell.objects.get(likelihood=likelihood, impact=impact)


# --- the default matrix and bands -----------------------------------------------------------------------


def test_the_default_matrix_has_five_likelihood_rows_and_six_impact_columns(scoring):
    assert set(scoring.matrix) == {(lk, im) for lk in range(1, 6) for im in range(1, 7)}
    assert ScoreMatrixCell.objects.count() == 30


def test_the_default_matrix_uses_every_score_from_1_to_30_exactly_once(scoring):
    assert sorted(scoring.matrix.values()) == list(range(1, 31))


def test_the_stored_matrix_is_the_documented_default(scoring):
    assert scoring.matrix == DEFAULT_MATRIX
    assert scoring.matrix[(1, 1)] == 1
    assert scoring.matrix[(5, 6)] == 30


@pytest.mark.parametrize("impact", IMPACTS)
def test_the_score_rises_with_likelihood_at_every_impact(scoring, impact):
    column = [scoring.matrix[(likelihood, impact)] for likelihood in LIKELIHOODS]
    assert column == sorted(column)
    assert len(set(column)) == len(column)


@pytest.mark.parametrize("likelihood", LIKELIHOODS)
def test_the_score_rises_with_impact_at_every_likelihood(scoring, likelihood):
    row = [scoring.matrix[(likelihood, impact)] for impact in IMPACTS]
    assert row == sorted(row)
    assert len(set(row)) == len(row)


def test_the_default_bands_are_critical_high_medium_low(scoring):
    assert scoring.bands == {"critical": (21, 30), "high": (13, 20), "medium": (7, 12), "low": (1, 6)}


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (30, Band.CRITICAL),
        (21, Band.CRITICAL),
        (20, Band.HIGH),
        (13, Band.HIGH),
        (12, Band.MEDIUM),
        (7, Band.MEDIUM),
        (6, Band.LOW),
        (1, Band.LOW),
    ],
)
def test_each_score_falls_in_its_band_at_the_band_edges(scoring, score, band):
    assert scoring.band(score) == band


def test_every_score_from_1_to_30_has_exactly_one_band(scoring):
    for score in range(1, 31):
        assert sum(low <= score <= high for low, high in scoring.bands.values()) == 1, score


def test_no_score_has_no_band(scoring):
    assert scoring.band(None) is None


# --- issues --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("impact", IMPACTS)
def test_an_issue_scores_as_certain_at_its_impact(scoring, impact):
    assert ISSUE_LIKELIHOOD == 5
    assert scoring.score(RaidKind.ISSUE, None, impact) == scoring.matrix[(5, impact)]


def test_a_risk_scores_from_its_likelihood_and_impact(scoring):
    assert scoring.score(RaidKind.RISK, 2, 3) == scoring.matrix[(2, 3)] == 12
    assert scoring.score(RaidKind.ASSUMPTION, 4, 6) == 28
    assert scoring.score(RaidKind.DEPENDENCY, 1, 1) == 1


def test_a_raised_issue_is_stored_with_the_top_row_score():
    issue = RaidItemFactory(kind=RaidKind.ISSUE, impact=4)

    assert issue.likelihood is None
    assert issue.score == 26


# --- editing the matrix in the admin -------------------------------------------------------------------


def test_the_matrix_changelist_lets_pmo_swap_two_cells_and_rescores_items_with_history(admin_client):
    # Every score 1–30 is used once, so an edit that keeps the matrix valid exchanges two cells' scores:
    # here L4×I6 (28) and L5×I5 (29), which keeps the matrix monotone.
    high_risk = RaidItemFactory(likelihood=4, impact=6)
    top_risk = RaidItemFactory(likelihood=5, impact=5)
    untouched = RaidItemFactory(likelihood=1, impact=1)
    assert (high_risk.score, top_risk.score, untouched.score) == (28, 29, 1)
    page = admin_client.get("/admin/raid/scorematrixcell/")
    assert page.status_code == 200
    formset = page.context["cl"].formset
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(formset.total_form_count()),
        f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        "_save": "Save",
    }
    swapped = {(4, 6): 29, (5, 5): 28}
    for form in formset.forms:
        key = (form.instance.likelihood, form.instance.impact)
        data[form.add_prefix("id")] = str(form.instance.pk)
        data[form.add_prefix("score")] = str(swapped.get(key, form.instance.score))

    response = admin_client.post("/admin/raid/scorematrixcell/", data)

    assert response.status_code == 302, response.context and response.context["cl"].formset.errors
    assert (cell(4, 6).score, cell(5, 5).score) == (29, 28)
    high_risk.refresh_from_db()
    top_risk.refresh_from_db()
    untouched.refresh_from_db()
    assert (high_risk.score, top_risk.score, untouched.score) == (29, 28, 1)
    for item in (high_risk, top_risk):
        latest = item.history.order_by("-history_date", "-history_id").first()
        assert latest.score == item.score
        assert latest.history_change_reason == RESCORED
    assert untouched.history.filter(history_change_reason=RESCORED).count() == 0


def test_a_single_matrix_cell_cannot_be_changed_alone(admin_client):
    # Each score appears once: one cell alone cannot move, so its change page shows the score read-only.
    risk = RaidItemFactory(likelihood=5, impact=6)
    target = cell(5, 6)

    page = admin_client.get(f"/admin/raid/scorematrixcell/{target.pk}/change/")
    admin_client.post(
        f"/admin/raid/scorematrixcell/{target.pk}/change/",
        {"likelihood": "5", "impact": "6", "score": "29", "_save": "Save"},
    )

    assert "score" not in page.context["adminform"].form.fields
    assert cell(5, 6).score == 30
    risk.refresh_from_db()
    assert risk.score == 30
    assert risk.history.filter(history_change_reason=RESCORED).count() == 0


def test_the_matrix_list_refuses_an_edit_that_repeats_a_score_and_changes_nothing(admin_client):
    risk = RaidItemFactory(likelihood=5, impact=6)
    cells = list(ScoreMatrixCell.objects.order_by("-likelihood", "impact"))
    data = {
        "form-TOTAL_FORMS": str(len(cells)),
        "form-INITIAL_FORMS": str(len(cells)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, matrix_cell in enumerate(cells):
        data[f"form-{index}-id"] = str(matrix_cell.pk)
        data[f"form-{index}-score"] = (
            "29" if (matrix_cell.likelihood, matrix_cell.impact) == (5, 6) else str(matrix_cell.score)
        )

    response = admin_client.post("/admin/raid/scorematrixcell/", data)

    assert response.status_code == 200
    assert "exactly once" in response.content.decode()
    assert cell(5, 6).score == 30
    risk.refresh_from_db()
    assert risk.score == 30


# --- reference data restored after a flush ----------------------------------------------------------------


def test_load_scoring_restores_a_flushed_matrix_and_band_table():
    ScoreMatrixCell.objects.all().delete()
    ScoreBand.objects.all().delete()

    scoring = load_scoring()

    assert scoring.matrix == DEFAULT_MATRIX
    assert scoring.bands == {"critical": (21, 30), "high": (13, 20), "medium": (7, 12), "low": (1, 6)}
    assert ScoreMatrixCell.objects.count() == 30
    assert ScoreBand.objects.count() == 4


def test_load_scoring_never_overwrites_an_edited_matrix():
    ScoreBand.objects.filter(band=Band.CRITICAL).update(min_score=22)
    ScoreBand.objects.filter(band=Band.HIGH).update(max_score=21)

    scoring = load_scoring()

    assert scoring.bands["critical"] == (22, 30)
    assert scoring.band(21) == Band.HIGH


def test_raising_an_item_after_a_flush_still_scores_it():
    ScoreMatrixCell.objects.all().delete()
    ScoreBand.objects.all().delete()

    item = RaidItemFactory(likelihood=5, impact=6)

    assert item.score == 30
    assert RaidItem.objects.get(pk=item.pk).score == 30
