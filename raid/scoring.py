"""RAID scores and bands: one editable matrix (ScoreMatrixCell) and one band table (ScoreBand).

Every score and band shown anywhere — pages, API, heat map, packs — comes from `Scoring`, loaded once per
request or task (two small queries), or, where only bands are shown (the API's RAID items), from the band table
alone (`load_bands`, one query)."""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, transaction

from raid.choices import IMPACTS, ISSUE_LIKELIHOOD, LIKELIHOODS, Band, RaidKind

# The default matrix ranks the 30 cells by likelihood × impact, ties going to the higher impact, so each
# score 1–30 appears once and the score never falls as likelihood or impact rises.
DEFAULT_MATRIX = {
    cell: rank
    for rank, cell in enumerate(
        sorted(((lk, im) for lk in LIKELIHOODS for im in IMPACTS), key=lambda c: (c[0] * c[1], c[1])), start=1
    )
}
DEFAULT_BANDS = {Band.CRITICAL: (21, 30), Band.HIGH: (13, 20), Band.MEDIUM: (7, 12), Band.LOW: (1, 6)}


def ensure_default_scoring(using: str = DEFAULT_DB_ALIAS) -> None:
    """Fills an empty matrix and band table with the defaults; never overwrites what PMO edited."""
    from raid.models import ScoreBand, ScoreMatrixCell

    with transaction.atomic(using=using):
        if not ScoreMatrixCell.objects.using(using).exists():
            ScoreMatrixCell.objects.using(using).bulk_create(
                ScoreMatrixCell(likelihood=lk, impact=im, score=score) for (lk, im), score in DEFAULT_MATRIX.items()
            )
        if not ScoreBand.objects.using(using).exists():
            ScoreBand.objects.using(using).bulk_create(
                ScoreBand(band=band, min_score=low, max_score=high) for band, (low, high) in DEFAULT_BANDS.items()
            )


@dataclass(frozen=True)
class Scoring:
    matrix: dict[tuple[int, int], int]
    bands: dict[str, tuple[int, int]]

    def score(self, kind: str, likelihood: int | None, impact: int) -> int:
        """The matrix score; an issue (no likelihood: it has happened) scores as certain at its impact."""
        row = ISSUE_LIKELIHOOD if kind == RaidKind.ISSUE else likelihood
        return self.matrix[(row, impact)]

    def band(self, score: int | None) -> Band | None:
        return band_of(score, self.bands)

    def score_range(self, band: str) -> tuple[int, int]:
        return self.bands[band]


def band_of(score: int | None, bands: dict[str, tuple[int, int]]) -> Band | None:
    """The band whose range holds `score`; `bands` as `load_bands` reads them (highest first)."""
    if score is None:
        return None
    for band, (low, high) in bands.items():
        if low <= score <= high:
            return Band(band)
    return None


def load_bands() -> dict[str, tuple[int, int]]:
    """The band table, highest band first: {band: (min score, max score)}."""
    from raid.models import ScoreBand

    def read():
        rows = ScoreBand.objects.order_by("-min_score").values_list("band", "min_score", "max_score")
        return {band: (low, high) for band, low, high in rows}

    bands = read()
    if not bands:
        # A table emptied outside migrate (a flushed test database; bands are never deleted): restore the
        # defaults, then read again.
        ensure_default_scoring()
        bands = read()
    return bands


def load_scoring() -> Scoring:
    """The matrix and the bands, read together in one query (every RAID page and the dashboard read both)."""

    def read():
        from django.db.models import CharField, IntegerField, Value

        from raid.models import ScoreBand, ScoreMatrixCell

        cells = ScoreMatrixCell.objects.order_by().values_list(
            Value("", output_field=CharField()), "likelihood", "impact", "score"
        )
        bands = ScoreBand.objects.order_by().values_list(
            "band", "min_score", "max_score", Value(0, output_field=IntegerField())
        )
        rows = list(cells.union(bands, all=True))
        matrix = {(likelihood, impact): score for band, likelihood, impact, score in rows if not band}
        ranges = sorted(((low, high, band) for band, low, high, _ in rows if band), reverse=True)
        return matrix, {band: (low, high) for low, high, band in ranges}

    matrix, bands = read()
    if len(matrix) != len(DEFAULT_MATRIX) or not bands:
        # A table emptied outside migrate (a flushed test database): restore the defaults, then read again.
        ensure_default_scoring()
        matrix, bands = read()
    return Scoring(matrix=matrix, bands=bands)
