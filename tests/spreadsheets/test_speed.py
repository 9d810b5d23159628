"""Importing thousands of milestones takes a constant number of queries per batch, not queries per row, and
still writes one history row per milestone naming the importer."""

import datetime
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from milestones.models import Milestone
from milestones.spreadsheets import MilestoneSheet
from tests.programme.factories import GovernanceGroupFactory
from tests.spreadsheets.helpers import sheet

pytestmark = pytest.mark.django_db

ROWS = 2_000
BATCH = 1_000  # the batch size milestones.spreadsheets gives its bulk writes
FIXED_QUERY_BUDGET = 60


def insert_batches(model, rows: int) -> int:
    """How many INSERTs the database needs for `rows` rows of `model` in batches of at most BATCH: SQLite caps
    the parameters of one statement, so it needs more, smaller batches than PostgreSQL (which takes BATCH)."""
    per_statement = connection.ops.bulk_batch_size(model._meta.concrete_fields, [None] * BATCH) or BATCH
    return math.ceil(rows / min(BATCH, per_statement))


@pytest.fixture
def register_csv():
    GovernanceGroupFactory(code="SITAG", name="SIT Advisory Group")
    GovernanceGroupFactory(code="DAG", name="Design Advisory Group")
    # Ahead of today, as the date rules require of a milestone not yet met.
    baseline = timezone.localdate() + datetime.timedelta(weeks=26)
    forecast = baseline + datetime.timedelta(days=6)
    rows = [
        [
            f"T3-DB-{n:04d}",
            "SITAG" if n % 2 else "DAG",
            f"Workstream milestone {n}",
            f"{baseline:%d/%m/%Y}",
            f"{forecast:%a %d/%m/%y}",
            f"T3-DB-{n - 1:04d}" if n > 1 and n % 10 else "",
        ]
        for n in range(1, ROWS + 1)
    ]
    return sheet(["Milestone ID", "Forum", "Title", "Baseline Date", "Forecast Date", "Depends On"], *rows)


def test_importing_2000_milestones_takes_a_constant_number_of_queries(register_csv, pmo_user):
    with CaptureQueriesContext(connection) as queries:
        report = MilestoneSheet().run("Milestone Register.csv", register_csv, actor=pmo_user, dry_run=False)

    assert report.counts == {"create": ROWS, "update": 0, "unchanged": 0, "error": 0}
    inserts = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")]
    others = len(queries.captured_queries) - len(inserts)
    # Milestones, their history and their dependency links: bulk inserts, a few statements per batch.
    allowed_inserts = (
        insert_batches(Milestone, ROWS)
        + insert_batches(Milestone.history.model, ROWS)
        + insert_batches(Milestone.depends_on.through, ROWS)
    )
    assert len(inserts) <= allowed_inserts, f"{len(inserts)} INSERTs where {allowed_inserts} batches do"
    assert others < FIXED_QUERY_BUDGET, f"{others} non-INSERT queries for {ROWS} rows: queries per row"


def test_importing_2000_milestones_writes_one_history_row_each_by_the_importer(register_csv, pmo_user):
    MilestoneSheet().run("Milestone Register.csv", register_csv, actor=pmo_user, dry_run=False)

    assert Milestone.objects.filter(ref__startswith="T3-DB-").count() == ROWS
    history = Milestone.history.filter(ref__startswith="T3-DB-")
    assert history.count() == ROWS
    assert (
        history.filter(
            history_type="+", history_user=pmo_user, history_change_reason="Imported from Milestone Register.csv"
        ).count()
        == ROWS
    )
    assert Milestone.objects.get(ref="T3-DB-0002").depends_on.get().ref == "T3-DB-0001"
    # Every row depends on the one before, but the first and each tenth.
    assert Milestone.depends_on.through.objects.count() == ROWS - 1 - ROWS // 10
