"""A Milestone Register file is checked row by row once: the import applies what the check built (so a row is
validated once, and what the check saw — a baseline moved under an authority — is what is written), and rows that
update records read their links with the records, not one query per row."""

import datetime
from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from changes.choices import ChangeStage, ChangeStatus
from milestones.models import Milestone
from milestones.spreadsheets import MilestoneSheet
from tests.changes.factories import ChangeRequestFactory
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import GovernanceGroupFactory
from tests.spreadsheets.helpers import sheet

pytestmark = pytest.mark.django_db

HEADERS = ["Milestone ID", "Forum", "Title", "Baseline Date", "Forecast Date", "Baseline Change Authority"]
ROWS = 200


def uk(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


@pytest.fixture
def sitag():
    return GovernanceGroupFactory(code="SITAG", name="SIT Advisory Group")


def test_a_baseline_moved_by_import_under_an_authority_is_recorded_with_it(sitag, pmo_user):
    ChangeRequestFactory(ref="CR055", status=ChangeStatus.APPROVED, stage=ChangeStage.APPROVED)
    milestone = MilestoneFactory(ref="T3-DB-0301", forum=sitag)
    moved = milestone.baseline_on + datetime.timedelta(weeks=4)
    content = sheet(HEADERS, ["T3-DB-0301", "SITAG", milestone.title, uk(moved), uk(moved), "CR055"])

    report = MilestoneSheet().run("register.csv", content, actor=pmo_user, dry_run=False)

    assert report.applied
    assert report.rows[0].changes[:2] == ["baseline_on", "forecast_on"]
    stored = Milestone.objects.get(ref="T3-DB-0301")
    assert (stored.baseline_on, stored.baseline_change_reference) == (moved, "CR055")


def test_each_row_is_validated_once(sitag, pmo_user, monkeypatch):
    ahead = timezone.localdate() + datetime.timedelta(weeks=26)
    content = sheet(
        HEADERS, *[[f"T3-DB-{n:04d}", "SITAG", f"Milestone {n}", uk(ahead), uk(ahead), ""] for n in range(9)]
    )
    validated = []
    full_clean = Milestone.full_clean
    monkeypatch.setattr(
        Milestone, "full_clean", lambda self, *a, **k: (validated.append(self.ref), full_clean(self, *a, **k))[1]
    )

    report = MilestoneSheet().run("register.csv", content, actor=pmo_user, dry_run=False)

    assert report.counts["create"] == 9
    assert sorted(validated) == [f"T3-DB-{n:04d}" for n in range(9)]


def test_updating_many_milestones_with_links_reads_no_row_by_row(sitag, pmo_user):
    ahead = timezone.localdate() + datetime.timedelta(weeks=26)
    milestones = [
        MilestoneFactory(ref=f"T3-DB-{n:04d}", forum=sitag, baseline_on=ahead, forecast_on=ahead) for n in range(ROWS)
    ]
    for before, after in pairwise(milestones):
        after.depends_on.set([before])
    content = sheet(
        [*HEADERS[:5], "Depends On"],
        *[[m.ref, "SITAG", f"Renamed {m.ref}", uk(ahead), uk(ahead), ""] for m in milestones[:1]],
        *[[m.ref, "SITAG", f"Renamed {m.ref}", uk(ahead), uk(ahead), before.ref] for before, m in pairwise(milestones)],
    )

    with CaptureQueriesContext(connection) as queries:
        report = MilestoneSheet().run("register.csv", content, actor=pmo_user, dry_run=True)

    assert report.counts["update"] == ROWS, report.errors[:1]
    assert len(queries) < 40, f"{len(queries)} queries for {ROWS} rows"
