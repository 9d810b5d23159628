"""Spreadsheet import and export for the registers, with the programme's own column headers.

Each register declares a `RegisterSheet` (its columns, how a row finds its record, how a row is applied);
this module reads .xlsx (openpyxl) and .csv (tablib), validates every row before anything is written, applies
a confirmed import in one transaction with each record's history naming the importer and the file, and writes
exports with the same headers so export → edit → import round-trips.

Choice cells are read as the programme words them (core.vocabulary), and the report says how each was read. A
file "as of" a past date is applied as it stood then: every write is recorded in the history at the end of that day
(core.records.recorded_at, the moment a bare date means everywhere, so `?as_of=` that day reads it), and a record
changed after that day is refused, so a run of monthly files imported oldest first rebuilds the history in order."""

import codecs
import datetime
import io
import re
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.dates import end_of, out_of_range
from core.exceptions import WorkflowError
from core.records import recorded_at
from core.restriction import system_work
from core.vocabulary import UnknownChoice, Vocabulary, kept_mappings, normal

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_CELL_CHARACTERS = 10_000
UK_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%a %d/%m/%y", "%a %d/%m/%Y", "%d-%b-%y", "%d-%b-%Y", "%Y-%m-%d", "%d %B %Y")


class SheetError(Exception):
    """The file as a whole cannot be read (type, size, headers); nothing is imported."""


def parse_uk_date(value) -> datetime.date | None:
    """Dates as the programme writes them: 30/05/2024, 30/05/24, Thu 30/05/24, 24-Sep-24, 2024-05-30."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = re.sub(r"\s+", " ", str(value).strip())
    for fmt in UK_DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if fmt.startswith("%a") and day.strftime("%a").lower() != text[:3].lower():
            raise ValueError(f"'{text}': {day:%d/%m/%Y} is a {day:%A}")
        return day
    raise ValueError(f"'{text}' is not a date (dd/mm/yyyy, dd/mm/yy, Thu 30/05/24 or 24-Sep-24)")


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    parse: Callable = text
    export: Callable = text
    # Shown in exports (a derived value such as the RAG) and accepted back on import, where it is ignored.
    export_only: bool = False

    def names(self) -> set[str]:
        return {_normal(name) for name in (self.header, self.key, *self.synonyms)}


def _normal(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", header.lower()).strip()


@dataclass(frozen=True)
class UnknownValue:
    """A choice cell no rule could read: what the PMO maps once (browser preview, or --map)."""

    column: str  # the column's key
    header: str
    value: str
    choices: tuple[tuple[str, str], ...]
    suggestions: tuple[tuple[str, str], ...]


@dataclass
class RowResult:
    row: int
    ref: str
    outcome: str  # create / update / unchanged / error
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    # How each choice cell not written as its label or code was read ("Stage: read 'Voting' as …").
    readings: list[str] = field(default_factory=list)
    unknowns: list[UnknownValue] = field(default_factory=list)


@dataclass
class ImportReport:
    filename: str
    rows: list[RowResult]
    applied: bool = False
    as_of: datetime.date | None = None

    @property
    def errors(self) -> list[RowResult]:
        return [row for row in self.rows if row.outcome == "error"]

    @property
    def unknown_values(self) -> list[UnknownValue]:
        """Each distinct unreadable wording once, in the order the file first uses it."""
        found = {}
        for row in self.rows:
            for unknown in row.unknowns:
                found.setdefault((unknown.column, normal(unknown.value)), unknown)
        return list(found.values())

    @property
    def counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "unchanged": 0, "error": 0}
        for row in self.rows:
            counts[row.outcome] += 1
        return counts


# Every register's sheet by kind, as each declares itself: how the admin checks a kept mapping's choice without the
# kernel importing an app.
SHEETS: dict[str, type["RegisterSheet"]] = {}


class RegisterSheet:
    """One register's spreadsheet: subclasses give the columns and how a row becomes a record."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            SHEETS[cls.kind] = cls

    kind: str
    title: str
    model: type
    columns: tuple[Column, ...]
    key = "ref"
    # Each row is applied in a savepoint, so a refused row leaves nothing behind for the rows after it to see; a sheet
    # whose rows only stage writes for `finish` (a bulk insert) has nothing to undo and skips them.
    row_savepoints = True

    def queryset_for_export(self, queryset):
        return queryset

    # Who the export is for (set by the export view): a sheet may leave out what the reader may not read of a
    # record they may see (another party's comments kept for the PMO).
    reader = None

    def rewind(self, records: list, moment) -> list:
        """Records shown as of a past moment: a sheet whose columns read relations replaces them with what its
        history recorded then (the fields themselves already come from the history)."""
        return records

    def export_row(self, record) -> list:
        return [column.export(getattr(record, column.key, "")) for column in self.columns]

    field_headers: dict[str, str] = {}

    def header_of(self, field_name: str) -> str:
        """The column a model field's error belongs to, as the spreadsheet names it."""
        if field_name in self.field_headers:
            return self.field_headers[field_name]
        return next((c.header for c in self.columns if c.key == field_name), field_name)

    def row_key(self, values: dict) -> str:
        """What matches a row to its record (the ref, for most registers)."""
        return text(values.get(self.key))

    def existing(self, keys: set[str]) -> dict:
        return {getattr(r, self.key): r for r in self.model._default_manager.filter(**{f"{self.key}__in": keys})}

    def prepare(self, values: dict, existing, context: dict):
        """Validates one row (no writes): returns the list of fields it would change, or raises ValueError /
        ValidationError / WorkflowError with a message."""
        raise NotImplementedError

    def apply(self, values: dict, existing, context: dict, actor, reason: str):
        raise NotImplementedError

    def finish(self, context: dict, actor, reason: str) -> None:
        """After every row is applied: links between rows of the file, bulk writes, follow-up tasks."""

    def context(self, rows: list[dict]) -> dict:
        """Lookups shared by every row (groups, organisations…), fetched once per import."""
        return {}

    # --- the mechanics ----------------------------------------------------------------------------------

    def template(self, fmt: str) -> bytes:
        return self.export([], fmt)

    def export(self, records, fmt: str) -> bytes:
        data = tablib.Dataset(headers=[column.header for column in self.columns], title=self.title[:31])
        for record in records:
            data.append([_inert(value) if fmt == "csv" else value for value in self.export_row(record)])
        return _xlsx_as_text(data.export("xlsx")) if fmt == "xlsx" else data.export("csv").encode("utf-8-sig")

    def read(self, filename: str, content: bytes) -> list[tuple[int, dict]]:
        """(spreadsheet row number, {column key: raw value}) for each non-empty row. Refuses the whole file when
        it cannot be read as this register."""
        if len(content) > MAX_UPLOAD_BYTES:
            raise SheetError(f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
        if not content.strip():
            raise SheetError("The file is empty.")
        name = filename.lower()
        if name.endswith(".xlsx"):
            table = _read_xlsx(content)
        elif name.endswith(".csv"):
            table = _read_csv(content)
        else:
            raise SheetError("Upload an .xlsx or .csv file.")
        if not table:
            raise SheetError("The file has no header row.")
        headers, *body = table
        mapping, unknown = {}, []
        # The headers as this file writes them, by column key: the report speaks the file's words ("Stage").
        self.headers_read = {}
        for index, header in enumerate(headers):
            if text(header) == "":
                continue
            column = next((c for c in self.columns if _normal(text(header)) in c.names()), None)
            if column is None:
                unknown.append(text(header))
            else:
                mapping[index] = column
                self.headers_read[column.key] = text(header)
        if unknown:
            raise SheetError(
                f"Unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
                f"The {self.title} columns are: {', '.join(c.header for c in self.columns)}."
            )
        missing = [c.header for c in self.columns if c.required and c not in mapping.values()]
        if missing:
            raise SheetError(f"Missing required column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}.")
        if len(body) > MAX_ROWS:
            raise SheetError(f"The file has more than {MAX_ROWS} rows; split it.")
        rows = []
        for number, cells in enumerate(body, start=2):
            if all(text(cell) == "" for cell in cells):
                continue
            rows.append((number, {mapping[i].key: cells[i] for i in mapping if i < len(cells)}))
        if not rows:
            raise SheetError("The file has no data rows.")
        return rows

    def choice_columns(self) -> dict[str, Column]:
        return {column.key: column for column in self.columns if isinstance(column.parse, Choice)}

    def vocabularies(self, mappings: dict | None = None) -> dict[str, Vocabulary]:
        """Each choice column's words, with the register's kept mappings and `mappings` ({column key: {wording:
        choice}}, for one run) added."""
        kept = kept_mappings(self.kind)
        for key, extra in (mappings or {}).items():
            kept.setdefault(key, {}).update({normal(wording): choice for wording, choice in extra.items()})
        return {key: column.parse.vocabulary(kept.get(key)) for key, column in self.choice_columns().items()}

    def mapping_target(self, column: str, choice: str) -> tuple[str, str]:
        """(column key, choice value) that a mapping names by the column's header or key and the choice's code or
        label; ValueError saying what the column and its choices are otherwise."""
        columns = self.choice_columns()
        found = next((c for c in columns.values() if _normal(column) in c.names()), None)
        if found is None:
            headers = ", ".join(c.header for c in columns.values())
            raise ValueError(f"'{column}' is not a choice column of the {self.title}: {headers}")
        vocabulary = found.parse.vocabulary()
        value = vocabulary.exact.get(normal(choice))
        if value is None:
            raise ValueError(
                f"'{choice}' is not a {found.header} choice: {', '.join(label for _, label in vocabulary.choices)}"
            )
        return found.key, value

    def _header(self, key: str) -> str:
        column = next((c for c in self.columns if c.key == key), None)
        return getattr(self, "headers_read", {}).get(key) or (column.header if column else key)

    def _read_choices(self, cells: dict, values: dict, errors: list, vocabularies: dict) -> tuple[list, list]:
        """Reads the row's choice cells into `values`, with what each wording implies for the row's other columns:
        returns the notes on how each was read, and the wordings no rule reads."""
        readings, unknowns, implied = [], [], []
        for key, cell in cells.items():
            if cell == "":
                continue
            try:
                reading = vocabularies[key].read(cell)
            except UnknownChoice as unknown:
                errors.append(f"{self._header(key)}: {unknown}")
                unknowns.append(
                    UnknownValue(key, self._header(key), text(cell), tuple(unknown.choices), tuple(unknown.suggestions))
                )
                values.pop(key, None)
                continue
            values[key] = reading.value
            implied.append((key, cell, reading))
        for key, cell, reading in implied:
            details = []
            for other, wording in reading.implies.items():
                target = vocabularies.get(other)
                try:
                    value = target.read(wording).value if target else wording
                except UnknownChoice as unknown:
                    errors.append(f"{self._header(key)}: '{text(cell)}' names {self._header(other)} {unknown}")
                    continue
                label = target.label(value) if target else value
                if values.get(other) not in (None, "", value):
                    errors.append(
                        f"{self._header(key)}: '{text(cell)}' means {self._header(other)} {label}, but the row says "
                        f"{target.label(values[other]) if target else values[other]}"
                    )
                    continue
                values[other] = value
                details.append(f"{self._header(other).lower()}: {label}")
            if reading.how:
                note = f"{self._header(key)}: read '{text(cell)}' as "
                note += f"'{reading.label}'" if reading.label else ", ".join(details)
                extra = ([] if not reading.label else details) + [_HOW.get(reading.how, "")]
                extra = [part for part in extra if part]
                readings.append(f"{note} ({'; '.join(extra)})" if extra else note)
        return readings, unknowns

    def last_changed(self, records: list) -> dict:
        """{record pk: when its history was last written} for the records a dated file would change."""
        history = getattr(self.model, "history", None)
        if history is None or not records:
            return {}
        rows = history.filter(id__in=[r.pk for r in records]).values("id").annotate(last=Max("history_date"))
        return {row["id"]: row["last"] for row in rows.order_by()}

    # An import's checks read every record (a ref taken by a Restricted record is still taken): system work, for
    # the PMO staff who alone may import.
    @system_work()
    def _validate(
        self, filename: str, content: bytes, *, as_of: datetime.date | None = None, mappings: dict | None = None
    ) -> tuple[ImportReport, list]:
        """Parses every row and checks it on its own (cells, fields, the record it matches), writing nothing."""
        raw_rows = self.read(filename, content)
        vocabularies, choice_columns = self.vocabularies(mappings), self.choice_columns()
        results, plan, seen = [], [], {}
        parsed_rows = []
        for number, raw in raw_rows:
            values, errors, choice_cells = {}, [], {}
            for column in self.columns:
                if column.key not in raw or column.export_only:
                    continue
                cell = raw[column.key]
                if isinstance(cell, Formula):
                    errors.append(f"{column.header}: formulas are not imported; paste the value instead")
                    continue
                if isinstance(cell, str) and cell[:2] in INERT_PREFIXES:
                    cell = cell[1:]  # text the export kept from running as a formula
                if len(text(cell)) > MAX_CELL_CHARACTERS:
                    errors.append(f"{column.header}: longer than {MAX_CELL_CHARACTERS} characters")
                    continue
                if column.key in vocabularies:
                    # Read together once every cell is parsed: a wording may say what another column holds.
                    choice_cells[column.key] = values[column.key] = text(cell)
                    continue
                try:
                    values[column.key] = column.parse(cell)
                except (ValueError, WorkflowError) as invalid:
                    errors.append(f"{column.header}: {getattr(invalid, 'message', invalid)}")
                if column.required and values.get(column.key) in (None, "", []):
                    errors.append(f"{column.header}: required")
            readings, unknowns = self._read_choices(choice_cells, values, errors, vocabularies)
            unreadable = {unknown.column for unknown in unknowns}
            errors.extend(
                f"{choice_columns[key].header}: required"
                for key in choice_cells
                if choice_columns[key].required and values.get(key) in (None, "") and key not in unreadable
            )
            parsed_rows.append((number, values, errors, readings, unknowns))
        keys = {self.row_key(values) for _, values, *_ in parsed_rows} - {""}
        existing = self.existing(keys)
        last_changed = self.last_changed(list(existing.values())) if as_of else {}
        context = self.context([values for _, values, *_ in parsed_rows])
        for number, values, errors, readings, unknowns in parsed_rows:
            key = self.row_key(values)
            if key and key in seen:
                errors.append(f"{key} also appears on row {seen[key]}")
            if key:
                seen.setdefault(key, number)
            record = existing.get(key)
            last = last_changed.get(getattr(record, "pk", None))
            if last is not None and last > end_of(as_of):
                # Writing it now would put this file's state after a later one in the record's history.
                errors.append(
                    f"{key} was last changed on {timezone.localtime(last):%d/%m/%Y}, after {as_of:%d/%m/%Y}: "
                    "import files oldest first"
                )
            changes = []
            if not errors:
                try:
                    with _as_of(as_of):
                        changes = self.prepare(values, record, context)
                except (ValueError, WorkflowError, ValidationError) as invalid:
                    errors.extend(_messages(invalid, self.header_of))
            outcome = "error" if errors else ("create" if record is None else ("update" if changes else "unchanged"))
            results.append(
                RowResult(
                    row=number,
                    ref=key,
                    outcome=outcome,
                    errors=errors,
                    changes=changes,
                    readings=readings,
                    unknowns=unknowns,
                )
            )
            plan.append((values, record))
        return ImportReport(filename=filename, rows=results, as_of=as_of), plan

    def check(
        self, filename: str, content: bytes, *, actor=None, as_of: datetime.date | None = None, mappings=None
    ) -> tuple[ImportReport, list]:
        """Every row checked as the import would apply it, writing nothing: see `run`."""
        _check_as_of(as_of)
        report, plan = self._validate(filename, content, as_of=as_of, mappings=mappings)
        if not report.errors:
            self._rehearse(report, plan, actor=actor, commit=False)
        return report, plan

    def run(
        self,
        filename: str,
        content: bytes,
        *,
        actor,
        dry_run: bool,
        as_of: datetime.date | None = None,
        mappings: dict | None = None,
    ) -> ImportReport:
        """Checks the whole file, then applies it in one transaction, committed only if no row was refused and it
        is not a dry run: an import with any error imports nothing.

        Rows are applied through the register's services, the one path every write takes, so a row is refused
        by exactly the rules the pages and the API apply (lifecycle, IA window, baseline authority, …); a dry run
        and the preview rehearse the same writes and roll them back. A file `as_of` a past date is applied as on
        that day (see the module's docstring); `mappings` read wordings for this run only ({column key: {wording:
        choice}}), besides the register's kept ones."""
        _check_as_of(as_of)
        report, plan = self._validate(filename, content, as_of=as_of, mappings=mappings)
        if not report.errors:
            self._rehearse(report, plan, actor=actor, commit=not dry_run)
        return report

    @system_work()
    def _rehearse(self, report: ImportReport, plan: list, *, actor, commit: bool) -> None:
        reason = f"Imported from {report.filename}"
        if report.as_of:
            reason += f" as of {report.as_of:%d/%m/%Y}"
        try:
            with transaction.atomic(), _as_of(report.as_of):
                context = self.context([values for values, _ in plan])
                for (values, record), result in zip(plan, report.rows, strict=True):
                    if result.outcome not in ("create", "update"):
                        continue
                    try:
                        with transaction.atomic() if self.row_savepoints else nullcontext():
                            self.apply(values, record, context, actor, reason)
                    except (ValueError, WorkflowError, ValidationError) as refused:
                        result.outcome = "error"
                        result.errors.extend(_messages(refused, self.header_of))
                if not report.errors:
                    self.finish(context, actor, reason)
                if report.errors or not commit:
                    raise _RolledBack
        except _RolledBack:
            return
        report.applied = True


class _RolledBack(Exception):
    """Leaves the rehearsal's transaction without keeping its writes."""


_HOW = {"mapping": "kept mapping", "nearest": "nearest choice"}


def _as_of(day: datetime.date | None):
    """Writes recorded at the end of `day`, the moment a bare date means (core.dates.end_of); as now without one."""
    return recorded_at(end_of(day)) if day else nullcontext()


def _check_as_of(day: datetime.date | None) -> None:
    if day is None:
        return
    if refusal := out_of_range(day):
        raise SheetError(f"As of: {refusal}")
    if day > timezone.localdate():
        raise SheetError(f"As of: {day:%d/%m/%Y} is in the future; a file states what was so on a past day.")


def _messages(error, header_of) -> list[str]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [f"{header_of(name)}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
        return list(error.messages)
    if isinstance(error, WorkflowError) and error.field:
        return [f"{header_of(error.field)}: {error.message}"]
    return [getattr(error, "message", str(error))]


class Formula(str):
    """The text of an xlsx formula cell ("=SUM(…)"), told apart from text that merely starts with "=", so it can
    be refused rather than silently valued."""


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection); the CSV export writes such
# text after an apostrophe, which Excel shows as text and the import takes off again.
FORMULA_STARTS = ("=", "+", "-", "@")
INERT_PREFIXES = tuple(f"'{start}" for start in FORMULA_STARTS)


def _inert(value):
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _xlsx_as_text(workbook_bytes: bytes) -> bytes:
    """The workbook with every cell that would be read as a formula stored as text (marked so in Excel too)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(workbook_bytes))
    for row in workbook.active.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
                cell.quotePrefix = True
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as unreadable:  # openpyxl raises several types for a non-workbook
        raise SheetError("The file is not a readable .xlsx workbook.") from unreadable
    sheet = workbook.worksheets[0]
    return [[Formula(cell.value) if cell.data_type == "f" else cell.value for cell in row] for row in sheet.iter_rows()]


def _read_csv(content: bytes) -> list[list]:
    # Excel's "Unicode Text" is UTF-16 with a byte-order mark, separated by tabs.
    encodings = (
        ("utf-16",) if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ("utf-8-sig", "cp1252")
    )
    for encoding in encodings:
        try:
            decoded = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError("The file is not a text CSV (UTF-8, UTF-16 or Windows-1252).")
    first_line = decoded.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        data = tablib.Dataset().load(decoded, format="csv", delimiter=delimiter)
    except Exception as unreadable:  # tablib reports malformed CSV with several types
        raise SheetError("The file is not a readable CSV.") from unreadable
    # Typed into a CSV, "=…" is what Excel would run: refused like an xlsx formula.
    return [
        list(data.headers or []),
        *[[Formula(cell) if isinstance(cell, str) and cell.startswith("=") else cell for cell in row] for row in data],
    ]


def export_date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def refs(value) -> list[str]:
    """A list of refs written in one cell: "CR017, CR018" or one per line."""
    return [part.strip() for part in re.split(r"[,;\n]+", text(value)) if part.strip()]


class Choice:
    """A choice column's reading (see core.vocabulary): its choices — (value, label) pairs, or a callable giving
    them when an import starts (governance groups) — the programme's variants ({wording: value or Means}) and
    patterns ((regex on the normalised wording, value); named groups give other columns' values)."""

    def __init__(self, choices, variants: dict | None = None, patterns=(), unknown: str = ""):
        self.choices, self.variants, self.patterns = choices, variants or {}, patterns
        # How a lookup names a value it does not have ("no governance group"), instead of "is not one of".
        self.unknown = unknown

    def vocabulary(self, mappings: dict | None = None) -> Vocabulary:
        choices = list(self.choices() if callable(self.choices) else self.choices)
        return Vocabulary(choices, self.variants, self.patterns, mappings, unknown=self.unknown)


def choice(choices, variants: dict | None = None, patterns=(), unknown: str = "") -> Choice:
    """Reads a choice by its label or code ("On Hold" or "on_hold"), the variants the register declares, and the
    near wordings core.vocabulary accepts."""
    return Choice(choices, variants, patterns, unknown)


# Classification as documents print it ("Document Classification: Public").
CLASSIFICATION_VARIANTS = {
    "Document Classification: Public": "public",
    "Document Classification: Restricted": "restricted",
}


def label_of(choices) -> Callable:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value or ""))
