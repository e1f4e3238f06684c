"""Roster import (干部花名册): check every row of the file, then save all of them or none."""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cadres.exchange.roster import (
    COLUMN_BY_FIELD,
    COLUMNS,
    ID_HEADER,
    IMPORT_COLUMNS,
    UNIT_HEADER,
    RosterFileError,
    RosterValueError,
    RowError,
    RowInput,
    normal_label,
    roster_parse,
)
from cadres.models import Cadre, OrgUnit
from cadres.rules.id_number import IdNumberError, birth_date_from_id, normalise_id_number
from cadres.rules.partial_dates import format_year_month
from cadres.selectors.appointments import primary_governing
from cadres.services.cadre import cadre_prepare, unit_follows_violation
from cadres.services.record_dates import date_findings, dates_of, new_warnings
from cadres.signals import figures_changed
from core.constraints import constraint_error
from core.fields import index_lookup
from core.models import User
from core.scope import ensure_unit_in_scope, scoped, unit_in_scope

Progress = Callable[..., None]  # progress(done=, total=, state=)
PROGRESS_EVERY = 250
BATCH_SIZE = 1000

_COLUMN_BY_HEADER = {column.header: column for column in IMPORT_COLUMNS}
_HEADER_BY_FIELD = {column.field: column.header for column in IMPORT_COLUMNS}
# Derived fields' errors belong to the column the value is derived from.
_HEADER_BY_FIELD |= {"retirement_category": "性别", "retirement_date": "出生年月", NON_FIELD_ERRORS: ""}
_COLUMN_ORDER = {"": -1} | {column.header: index for index, column in enumerate(COLUMNS)}
_DERIVED_FIELDS = ["name_initials", "name_pinyin", "name_grams", "retirement_category", "retirement_date"]
_UPDATE_ATTNAMES = [
    Cadre._meta.get_field(name).attname
    for name in [column.field for column in IMPORT_COLUMNS] + _DERIVED_FIELDS
]


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowWarning:
    """An implausible date the row brings (cadres.rules.record_dates): saved when the import is confirmed."""

    column: str
    code: str
    message: str


@dataclass(frozen=True)
class RowChange:
    """What one valid row would do: create a cadre, change these fields, or nothing (无变化)."""

    row: int
    name: str
    action: str  # "create", "update" or "unchanged"
    fields: tuple[FieldChange, ...] = ()
    warnings: tuple[RowWarning, ...] = ()

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "name": self.name,
            "action": self.action,
            "fields": [{"column": f.column, "old": f.old, "new": f.new} for f in self.fields],
            "warnings": [{"column": w.column, "code": w.code, "message": w.message} for w in self.warnings],
        }


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        return sum(1 for change in self.changes if change.action == "unchanged")

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def warnings(self) -> int:
        """Rows with implausible dates (listed on their change), saved as they are when imported."""
        return sum(1 for change in self.changes if change.warnings)

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "warnings": self.warnings,
            "errors": [error.as_dict() for error in self.errors],
            "changes": [change.as_dict() for change in self.changes],
        }


class _UnitIndex:
    """Units of the user's scope by name, “parent/name” and code; one query for the whole file."""

    def __init__(self, units) -> None:
        self._by_key: dict[str, dict[int, OrgUnit]] = defaultdict(dict)
        for unit in units:
            keys = {unit.name, unit.code}
            if unit.parent is not None:
                keys.add(f"{unit.parent.name}/{unit.name}")
            for key in keys:
                self._by_key[normal_label(key)][unit.pk] = unit

    def resolve(self, text: str) -> OrgUnit:
        found = self._by_key.get(normal_label(text), {})
        if not found:
            raise RosterValueError("unknown_unit", _("No unit of this name in your data scope."))
        if len(found) > 1:
            raise RosterValueError(
                "ambiguous_unit",
                _("Several units in your scope have this name; write “parent unit/unit” or the unit code."),
            )
        return next(iter(found.values()))


class _RowErrors:
    """The first error of each column of one row."""

    def __init__(self, row: int) -> None:
        self.row = row
        self.by_column: dict[str, RowError] = {}

    def add(self, column: str, code: str, message) -> None:
        self.by_column.setdefault(column, RowError(self.row, column, code, str(message)))

    def add_validation(self, exc: ValidationError) -> None:
        errors = exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
        for name, field_errors in errors.items():
            first = field_errors[0]
            self.add(_HEADER_BY_FIELD.get(name, ""), first.code or "invalid", first.messages[0])

    def sorted(self) -> list[RowError]:
        return sorted(self.by_column.values(), key=lambda error: _COLUMN_ORDER.get(error.column, 99))


def _keep_day(old: datetime.date | None, new: datetime.date) -> datetime.date:
    # A year-month (read as the 1st) that agrees with the stored date must not lose its day.
    if old and new.day == 1 and (old.year, old.month) == (new.year, new.month):
        return old
    return new


def _birth_from_id(number: str) -> datetime.date | None:
    try:
        return birth_date_from_id(number)
    except IdNumberError:
        return None


@dataclass
class _Plan:
    create: list[Cadre] = field(default_factory=list)
    update: list[Cadre] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class _RosterCheck:
    """Checks rows one by one against what was loaded once for the whole file."""

    def __init__(self, *, rows: list[RowInput], unit: OrgUnit | None, acting_user: User, lock: bool) -> None:
        self.unit = unit
        self.user = acting_user
        self.units = _UnitIndex(scoped(acting_user, OrgUnit.objects.select_related("parent")))
        self.existing = self._existing(rows, lock=lock)
        self.governing = primary_governing(
            cadre_ids=[cadre.pk for cadre in self.existing.values()], on=timezone.localdate()
        )
        self.seen_ids: dict[str, int] = {}
        self.today = timezone.localdate()

    @staticmethod
    def _existing(rows: list[RowInput], *, lock: bool) -> dict[str, Cadre]:
        numbers = {
            normalise_id_number(value)
            for row in rows
            if isinstance(value := row.values.get(ID_HEADER), str) and "*" not in value
        }
        # Deliberately not scoped: a number held by a cadre outside the user's scope must be
        # reported on its row, never duplicated nor updated.
        queryset = Cadre.objects.select_related("unit").filter(index_lookup("id_number_index", numbers))
        if lock:  # the rows to update must not change between the check and the save
            queryset = queryset.select_for_update(of=("self",))
        found = {cadre.id_number: cadre for cadre in queryset} if numbers else {}
        for cadre in found.values():
            cadre._roster_loaded = {name: getattr(cadre, name) for name in _UPDATE_ATTNAMES}
            cadre._roster_unit_name = cadre.unit.name
        return found

    def _values(self, row: RowInput, errors: _RowErrors) -> dict[str, object]:
        values = {}
        for header, raw in row.values.items():
            column = _COLUMN_BY_HEADER[header]
            if raw is None:
                if column.required:
                    errors.add(header, "required", _("This column is required."))
                continue
            try:
                values[column.field] = column.parse(raw)
            except RosterValueError as exc:
                errors.add(header, exc.code, exc.message)
        return values

    def _target(self, row: RowInput, number: str | None, errors: _RowErrors) -> Cadre:
        if not number:
            return Cadre()
        if number in self.seen_ids:
            message = _("The same ID number is in row %(row)s.") % {"row": self.seen_ids[number]}
            errors.add(ID_HEADER, "duplicate_id", message)
            return Cadre()
        self.seen_ids[number] = row.row
        existing = self.existing.get(number)
        if existing is None:
            return Cadre()
        if not unit_in_scope(self.user, existing.unit):
            errors.add(
                ID_HEADER, "out_of_scope", _("This ID number belongs to a cadre outside your data scope.")
            )
            return Cadre()
        return existing

    def _unit(self, cadre: Cadre, text: str | None, errors: _RowErrors) -> None:
        if text:
            try:
                unit = self.units.resolve(text)
            except RosterValueError as exc:
                errors.add(UNIT_HEADER, exc.code, exc.message)
                return
            # A row may not move a cadre whose unit follows his primary post: a row error, so
            # the file is corrected (or the unit left blank) rather than silently not applied.
            governing = self.governing.get(cadre.pk)
            if refused := unit_follows_violation(cadre=cadre, unit_id=unit.pk, governing=governing):
                errors.add_validation(refused)
                return
            cadre.unit = unit
        elif cadre.pk is None:
            if self.unit is None:
                errors.add(UNIT_HEADER, "required", _("Name a unit here or choose a unit for the import."))
            else:
                cadre.unit = self.unit

    @staticmethod
    def _apply(cadre: Cadre, values: dict[str, object]) -> None:
        for name, value in values.items():
            if isinstance(value, datetime.date):
                value = _keep_day(getattr(cadre, name), value)
            setattr(cadre, name, value)
        born = _birth_from_id(cadre.id_number) if cadre.id_number else None
        if born and cadre.birth_date:
            # 出生年月 is usually a year-month; the ID number holds the day.
            cadre.birth_date = _keep_day(born, cadre.birth_date)

    def _validate(self, cadre: Cadre, errors: _RowErrors) -> None:
        try:
            cadre_prepare(cadre)
        except ValidationError as exc:
            errors.add_validation(exc)
        try:
            # The unit is resolved from the scope and uniqueness from the one query above;
            # checking them here again would cost queries for every row.
            cadre.full_clean(
                exclude=[*_DERIVED_FIELDS, "unit"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            errors.add_validation(exc)
        self._check_dates(cadre, errors)

    def _check_dates(self, cadre: Cadre, errors: _RowErrors) -> None:
        # Impossible dates are row errors; implausible ones the record does not hold already
        # are shown in the preview and saved when the import is confirmed.
        findings = date_findings(dates=dates_of(cadre), on=self.today)
        for finding in findings:
            if finding.impossible:
                errors.add(_HEADER_BY_FIELD[finding.field], finding.code, finding.message)
        before = date_findings(dates=cadre._roster_loaded, on=self.today) if cadre.pk else []
        cadre._roster_warnings = tuple(
            RowWarning(_HEADER_BY_FIELD[w.field], w.code, w.message)
            for w in new_warnings(findings, before=before)
        )

    def check(self, row: RowInput, plan: _Plan) -> None:
        errors = _RowErrors(row.row)
        values = self._values(row, errors)
        cadre = self._target(row, values.get("id_number"), errors)
        cadre._roster_row = row.row
        self._unit(cadre, values.pop("unit", None), errors)
        self._apply(cadre, values)
        self._validate(cadre, errors)
        if errors.by_column:
            plan.errors.extend(errors.sorted())
        elif cadre.pk is None:
            plan.create.append(cadre)
        else:
            plan.update.append(cadre)


def _check(rows, *, unit, acting_user: User, lock: bool, progress: Progress | None) -> _Plan:
    plan = _Plan()
    checker = _RosterCheck(rows=rows, unit=unit, acting_user=acting_user, lock=lock)
    for done, row in enumerate(rows, start=1):
        checker.check(row, plan)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done=done, total=len(rows), state="checking")
    return plan


def _changes(cadre: Cadre) -> dict[str, object]:
    loaded = cadre._roster_loaded
    return {name: getattr(cadre, name) for name in _UPDATE_ATTNAMES if getattr(cadre, name) != loaded[name]}


# Derived from 姓名 and 性别: shown only when nothing the file holds changed.
_QUIET_FIELDS = {"name_initials", "name_pinyin", "name_grams", "retirement_category"}
_LABEL_BY_ATTNAME = {Cadre._meta.get_field(name).attname: header for name, header in _HEADER_BY_FIELD.items()
                     if name != NON_FIELD_ERRORS} | {"retirement_date": "退休时间"}  # fmt: skip


def _shown(attname: str, value: object, cadre: Cadre, *, old: bool) -> str:
    if attname == "unit_id":
        return cadre._roster_unit_name if old else cadre.unit.name
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.date):
        return format_year_month(value) if value.day == 1 else f"{value:%Y.%m.%d}"
    column = COLUMN_BY_FIELD.get(attname)
    return str(column.labels.get(value, value)) if column and column.labels else str(value)


def _row_change(cadre: Cadre) -> RowChange:
    warnings = cadre._roster_warnings
    if cadre.pk is None:
        return RowChange(cadre._roster_row, cadre.name, "create", warnings=warnings)
    changed = _changes(cadre)
    shown = [name for name in changed if name not in _QUIET_FIELDS] or list(changed)
    fields = tuple(
        FieldChange(
            _LABEL_BY_ATTNAME.get(name) or str(Cadre._meta.get_field(name.removesuffix("_id")).verbose_name),
            _shown(name, cadre._roster_loaded[name], cadre, old=True),
            _shown(name, changed[name], cadre, old=False),
        )
        for name in shown
    )
    return RowChange(cadre._roster_row, cadre.name, "update" if fields else "unchanged", fields, warnings)


def _row_changes(plan: _Plan) -> list[RowChange]:
    return sorted((_row_change(cadre) for cadre in plan.create + plan.update), key=lambda c: c.row)


def _save(plan: _Plan, *, acting_user: User) -> None:
    if plan.create:
        bulk_create_with_history(plan.create, Cadre, batch_size=BATCH_SIZE, default_user=acting_user)
    # Rows with the same changes share one UPDATE (a column edited down the whole sheet is
    # common); bulk_update's CASE expressions would take a minute for 10,000 rows.
    by_changes: dict[tuple, list[Cadre]] = defaultdict(list)
    for cadre in plan.update:
        changes = _changes(cadre)
        if changes:
            # Hashable: the name's search keys are a list.
            key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in changes.items()))
            by_changes[key].append(cadre)
    for changes, cadres in by_changes.items():
        for start in range(0, len(cadres), BATCH_SIZE):
            pks = [cadre.pk for cadre in cadres[start : start + BATCH_SIZE]]
            Cadre.objects.filter(pk__in=pks).update(**dict(changes))
    changed = [cadre for cadres in by_changes.values() for cadre in cadres]
    # No fields: the rows are written above; this records their history with the acting user.
    bulk_update_with_history(changed, Cadre, fields=[], batch_size=BATCH_SIZE, default_user=acting_user)
    figures_changed()  # bulk writes send no signal


def _conflicts(plan: _Plan, *, acting_user: User) -> list[RowError]:
    """The rows whose ID number was recorded meanwhile, each with the constraint's field error."""
    numbers = [cadre.id_number for cadre in plan.create if cadre.id_number]
    taken = set(
        Cadre.objects.filter(index_lookup("id_number_index", numbers)).values_list("id_number", flat=True)
    )
    errors = []
    for cadre in plan.create:
        if cadre.id_number in taken:
            row = _RowErrors(cadre._roster_row)
            row.add_validation(constraint_error(cadre, "cadre_unique_id_number", acting_user=acting_user))
            errors += row.sorted()
    message = _("Another user changed these records meanwhile; run the import again.")
    return errors or [RowError(0, "", "conflict", message)]


def roster_import(
    *, data: bytes, unit: OrgUnit | None, acting_user: User, dry_run: bool, progress: Progress | None = None
) -> ImportReport:
    """Check every row; unless `dry_run` or any row is bad, save them all in one transaction.

    New cadres go to the unit named in 现任单位, else to `unit`; a row whose ID number is
    already recorded updates that cadre. Row numbers in the report are Excel's. A file that
    cannot be read or passes a limit (code `too_large`) raises ValidationError on `file`.
    """
    if unit is not None:
        ensure_unit_in_scope(acting_user, unit, field="unit")
    try:
        rows = roster_parse(data=data)
    except RosterFileError as exc:
        return ImportReport(errors=exc.errors)
    report = ImportReport(rows=len(rows))
    try:
        with transaction.atomic():
            plan = _check(rows, unit=unit, acting_user=acting_user, lock=not dry_run, progress=progress)
            if plan.errors:
                report.errors = plan.errors
                return report
            report.changes = _row_changes(plan)
            if progress:
                progress(done=len(rows), total=len(rows), state="saving")
            if not dry_run:
                _save(plan, acting_user=acting_user)
    except IntegrityError:
        # Another user recorded one of these ID numbers between our check and our save.
        report.errors = _conflicts(plan, acting_user=acting_user)
        return report
    report.created, report.updated = len(plan.create), len(plan.update)
    return report


# ---- uploads kept between a dry run and its confirmation, and background jobs --------------------

UPLOAD_TIMEOUT = 60 * 60
ASYNC_ROWS = 2000  # larger files run in a Celery task and the page shows its progress


def _upload_key(token: str) -> str:
    return f"cadres:roster-upload:{token}"


def _job_key(job_id: str) -> str:
    return f"cadres:roster-job:{job_id}"


def roster_upload_store(*, data: bytes, acting_user: User) -> str:
    """Keep an uploaded file for an hour so that the import can follow its dry run without a re-upload."""
    token = uuid.uuid4().hex
    cache.set(_upload_key(token), {"user": acting_user.pk, "data": data}, UPLOAD_TIMEOUT)
    return token


def roster_upload_load(*, token: str, acting_user: User) -> bytes | None:
    stored = cache.get(_upload_key(token)) if token else None
    if not stored or stored["user"] != acting_user.pk:
        return None
    return stored["data"]


def roster_upload_drop(*, token: str) -> None:
    cache.delete(_upload_key(token))


def roster_async_available() -> bool:
    # A worker cannot see a per-process memory cache, so without a shared cache (Redis)
    # large files are imported in the request like small ones.
    backend = settings.CACHES["default"]["BACKEND"]
    return settings.CELERY_TASK_ALWAYS_EAGER or not backend.endswith("LocMemCache")


def roster_job_status(*, job_id: str, acting_user: User) -> dict | None:
    job = cache.get(_job_key(job_id))
    if not job or job["user"] != acting_user.pk:
        return None
    return job


def roster_job_update(*, job_id: str, **changes) -> dict | None:
    job = cache.get(_job_key(job_id))
    if job is None:
        return None
    job |= changes
    cache.set(_job_key(job_id), job, UPLOAD_TIMEOUT)
    return job


def roster_job_start(
    *, token: str, unit: OrgUnit | None, acting_user: User, dry_run: bool, total: int
) -> str:
    """Queue the import of an uploaded file (see roster_upload_store) once the request commits."""
    from cadres.tasks import roster_import_task

    if unit is not None:
        ensure_unit_in_scope(acting_user, unit, field="unit")
    job_id = uuid.uuid4().hex
    job = {
        "user": acting_user.pk,
        "token": token,
        "unit": unit.pk if unit else None,
        "dry_run": dry_run,
        "state": "queued",
        "done": 0,
        "total": total,
        "report": None,
    }
    cache.set(_job_key(job_id), job, UPLOAD_TIMEOUT)
    transaction.on_commit(lambda: roster_import_task.delay(job_id))
    return job_id


def _job_import(job_id: str, job: dict) -> ImportReport:
    user = User.objects.get(pk=job["user"])
    data = roster_upload_load(token=job["token"], acting_user=user)
    if data is None:
        message = _("The uploaded file has expired; upload it again.")
        return ImportReport(errors=[RowError(0, "", "expired", message)])
    try:
        report = roster_import(
            data=data,
            unit=OrgUnit.objects.get(pk=job["unit"]) if job["unit"] else None,
            acting_user=user,
            dry_run=job["dry_run"],
            progress=lambda **progress: roster_job_update(job_id=job_id, **progress),
        )
    except ValidationError as exc:  # the file, refused as the request would have refused it
        return _refused_report(exc)
    if report.ok and not job["dry_run"]:
        roster_upload_drop(token=job["token"])
    return report


def _refused_report(exc: ValidationError) -> ImportReport:
    """A refused file as a job's report: the progress page shows it like a row error."""
    errors = exc.error_dict.values() if hasattr(exc, "error_dict") else [exc.error_list]
    return ImportReport(
        errors=[RowError(0, "", e.code or "invalid", " ".join(e.messages)) for group in errors for e in group]
    )


def roster_job_run(*, job_id: str) -> None:
    """Run a queued job once (a second delivery of the task finds it claimed and returns)."""
    if not cache.add(f"{_job_key(job_id)}:claimed", True, UPLOAD_TIMEOUT):
        return
    job = cache.get(_job_key(job_id))
    if job is None:
        return
    try:
        report = _job_import(job_id, job)
    except Exception:
        roster_job_update(job_id=job_id, state="failed")  # the page stops polling and says so
        raise
    roster_job_update(
        job_id=job_id, state="done", done=report.rows, total=report.rows, report=report.as_dict()
    )
