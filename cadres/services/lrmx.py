"""Import and export of .lrmx files (干部任免审批表), one file or a zip of many.

An import is all or nothing: every file is read, matched and validated first; only when no
file has an error are the records saved, in one transaction.
"""

import datetime
import io
import uuid
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.exchange.lrmx.apply import AppliedRecord, FieldChange, apply_record
from cadres.exchange.lrmx.codec import (
    LrmxError,
    LrmxProblem,
    LrmxRecord,
    appraisal_grades,
    build_lrmx,
    parse_lrmx,
)
from cadres.exchange.lrmx.mapping import BAD_PHOTO, ELEMENT_LABELS, record_from_cadre, visible_record
from cadres.models import Cadre, FamilyMember, OrgUnit
from cadres.registry import (
    LRMX_APPRAISAL_SINKS,
    OFFER_CONFLICT,
    OFFER_NEW,
    OFFER_NOT_PERMITTED,
    OFFER_REFUSED,
    OfferedGrade,
)
from cadres.rules.id_number import is_masked_id_number, mask_id_number, normalise_id_number
from cadres.services.cadre import cadre_photo_check, cadre_save, cadre_validate
from core.fields import index_lookup
from core.models import User
from core.scope import ensure_unit_in_scope, scoped, unit_in_scope
from core.uploads import PARSER_ERRORS, TOO_LARGE, UploadBudget, refusal, zip_inflate, zip_open
from core.visibility import FULL_ID_NUMBER, visible_facts

# Per request: every uploaded file and every zip together. Nothing is parsed before all of
# them have been unpacked within these, so a refused upload costs no parsing at all.
MAX_FILE_BYTES = 10 * 1024 * 1024  # one .lrmx file (a photo of 2 MB is 2.7 MB of base64)
MAX_FILES = 500  # .lrmx files
MAX_ENTRIES = 1000  # uploaded files and the entries of their zips, directories and others included
MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # as uploaded
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # unpacked, all files together
ZIP_MAGIC = b"PK\x03\x04"
PHOTO_ELEMENT = "ZhaoPian"

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass(frozen=True)
class FileError:
    code: str
    message: str
    field: str = ""


@dataclass
class LrmxFileReport:
    name: str
    action: str = ""  # create, update or unchanged; empty when the file cannot be used
    cadre_id: int | None = None
    cadre_name: str = ""
    changes: list[FieldChange] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problems: list[LrmxProblem] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    # Implausible dates (cadres.rules.record_dates), saved as they are when the import is confirmed.
    warnings: list[FileError] = field(default_factory=list)
    # Yearly grades read from 年度考核结果, offered as appraisal results (recorded only when accepted).
    appraisals: list[OfferedGrade] = field(default_factory=list)


@dataclass
class LrmxImportReport:
    files: list[LrmxFileReport]
    dry_run: bool
    saved: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.files) and not any(f.errors for f in self.files)

    @property
    def errors(self) -> list[tuple[LrmxFileReport, FileError]]:
        return [(f, error) for f in self.files for error in f.errors]


@dataclass
class _Pending:
    report: LrmxFileReport
    cadre: Cadre
    applied: AppliedRecord

    @property
    def new_grades(self) -> list[tuple[int, str]]:
        return [(o.year, o.grade) for o in self.report.appraisals if o.status == OFFER_NEW]


# ---------------------------------------------------------------- reading the upload


def _zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    # Zips made on Chinese Windows store names in GBK without saying so; Python read them as cp437.
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


@dataclass
class _OpenZip:
    name: str
    archive: zipfile.ZipFile
    infos: list[zipfile.ZipInfo]


class _Upload:
    """The .lrmx files of one request, zips opened, within the request's budgets: every zip's
    directory is read and counted before any entry is inflated."""

    def __init__(self) -> None:
        self.budget = UploadBudget(entries=MAX_ENTRIES, unpacked_bytes=MAX_UNZIPPED_BYTES)
        self.files = 0

    def _count(self, files: int) -> None:
        self.files += files
        if self.files > MAX_FILES:
            raise refusal("file", TOO_LARGE, _("At most %(n)s files at once.") % {"n": MAX_FILES})

    def file(self, name: str, data: bytes) -> tuple[str, bytes]:
        self.budget.add_entries(1)
        self._count(1)
        if len(data) > MAX_FILE_BYTES:
            raise refusal("file", TOO_LARGE, f"{name}: {_('The file is larger than 10 MB.')}")
        self.budget.declare(len(data))
        return name, data

    def zip(self, name: str, data: bytes) -> _OpenZip | LrmxFileReport:
        self.budget.add_entries(1)
        try:
            archive = zip_open(data, budget=self.budget)
            infos = [i for i in archive.infolist() if not i.is_dir() and i.filename.lower().endswith(".lrmx")]
        except PARSER_ERRORS:
            return _failed(name, "lrmx_zip", _("The zip file cannot be read."))
        if not infos:
            return _failed(name, "lrmx_zip_empty", _("The zip file holds no .lrmx file."))
        self._count(len(infos))
        return _OpenZip(name, archive, infos)

    def unzip(self, opened: _OpenZip) -> list[tuple[str, bytes] | LrmxFileReport]:
        try:
            return [
                self._inflate(opened.archive, info, f"{opened.name}/{_zip_name(info)}")
                for info in opened.infos
            ]
        except PARSER_ERRORS:  # a damaged entry: the zip is unusable, like one that cannot be opened
            return [_failed(opened.name, "lrmx_zip", _("The zip file cannot be read."))]

    def _inflate(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: str) -> tuple[str, bytes]:
        chunks = zip_inflate(archive, info, limit=MAX_FILE_BYTES, budget=self.budget, name=member)
        return member, b"".join(chunks)


def _failed(name: str, code: str, message: str, field_name: str = "") -> LrmxFileReport:
    return LrmxFileReport(name=name, errors=[FileError(code, str(message), field_name)])


def _expand(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes] | LrmxFileReport]:
    """Each uploaded file, with zips opened; a file that cannot be used becomes a failed report.

    Raises ValidationError on `file` (code too_large) at once when a budget is passed: first on
    what the files and zip directories declare, then on the bytes inflated.
    """
    upload = _Upload()
    opened = [
        upload.zip(name, data)
        if data.startswith(ZIP_MAGIC) or name.lower().endswith(".zip")
        else upload.file(name, data)
        for name, data in files
    ]
    out: list[tuple[str, bytes] | LrmxFileReport] = []
    for item in opened:
        out.extend(upload.unzip(item) if isinstance(item, _OpenZip) else [item])
    return out


# ---------------------------------------------------------------- matching and checking


def _in_scope(user, unit: OrgUnit) -> bool:
    return user is None or unit_in_scope(user, unit)


def _masked_candidates(record: LrmxRecord, *, user):
    """A masked number keeps only the province, so the name, birth month and gender must agree too."""
    rows = scoped(user, Cadre).filter(name=record.name)
    if record.birth is not None:
        rows = rows.filter(birth_date__year=record.birth.year, birth_date__month=record.birth.month)
    if record.gender:
        rows = rows.filter(gender=record.gender)
    return rows


HIDDEN_ELEMENTS = {"JiangChengQingKuang": "rewards_punishments", "NianDuKaoHeJieGuo": "appraisal_results"}


def _readable_part(record: LrmxRecord, *, user, report: LrmxFileReport) -> LrmxRecord:
    """The record without what `user` may not see (core.visibility): such a part is neither shown
    as a change (which would show the value on record) nor written, and the report says so."""
    if user is None:
        return record
    readable = visible_record(record, facts=visible_facts(user) | {FULL_ID_NUMBER})
    for element, name in HIDDEN_ELEMENTS.items():
        if getattr(record, name).strip() and not getattr(readable, name):
            message = _("%(element)s is not read: you may not see it on the record.")
            report.problems.append(
                LrmxProblem(element, "not_permitted_field", message % {"element": ELEMENT_LABELS[element]})
            )
    return readable


def _match(record: LrmxRecord, *, user, report: LrmxFileReport) -> Cadre | None:
    """The cadre the file is about: by ID number, or by a masked number and the name within scope."""
    number = normalise_id_number(record.id_number)
    if not number:
        return None
    if is_masked_id_number(number):
        candidates = [
            c for c in _masked_candidates(record, user=user) if mask_id_number(c.id_number) == number
        ]
        if len(candidates) != 1:
            report.errors.append(
                FileError(
                    "id_masked",
                    _("The ID number is masked and matches no single record in your scope."),
                    "id_number",
                )
            )
            return None
        return candidates[0]
    existing = Cadre.objects.select_related("unit").filter(index_lookup("id_number_index", [number])).first()
    if existing is not None and not _in_scope(user, existing.unit):
        report.errors.append(
            FileError(
                "out_of_scope",
                _("A cadre with this ID number belongs to a unit outside your data scope."),
                "id_number",
            )
        )
        return None
    return existing


def _validation_errors(exc: ValidationError) -> list[FileError]:
    if not hasattr(exc, "error_dict"):
        return [FileError(e.code or "invalid", " ".join(e.messages)) for e in exc.error_list]
    return [
        FileError(e.code or "invalid", " ".join(e.messages), name)
        for name, errors in exc.error_dict.items()
        for e in errors
    ]


def _check(cadre: Cadre, applied: AppliedRecord, report: LrmxFileReport, *, user) -> list[FileError]:
    errors: list[FileError] = []
    try:
        # Confirming the import confirms the implausible dates the preview lists.
        warnings = cadre_validate(cadre, acting_user=user, family=applied.family, confirm=True)
        report.warnings = [FileError(w.code, w.message, w.field) for w in warnings]
    except ValidationError as exc:
        errors.extend(_validation_errors(exc))
    for order, row in enumerate(applied.family or []):
        try:
            FamilyMember(cadre=cadre, order=order, **row).full_clean(exclude=["cadre", "relative_cadre"])
        except ValidationError as exc:
            errors.extend(
                FileError(e.code, e.message, f"family.{order}.{e.field}") for e in _validation_errors(exc)
            )
    if applied.photo is not None:
        try:
            cadre_photo_check(ContentFile(applied.photo), invalid_code=BAD_PHOTO)
        except ValidationError as exc:
            errors.extend(_validation_errors(exc))
    return errors


def _possible_duplicate(record: LrmxRecord, *, user) -> LrmxProblem | None:
    if not record.name or not record.birth:
        return None
    same = scoped(user, Cadre) if user is not None else Cadre.objects.all()
    if same.filter(
        name=record.name, birth_date__year=record.birth.year, birth_date__month=record.birth.month
    ).exists():
        message = _("The file has no ID number and a cadre of the same name and birth month exists.")
        return LrmxProblem("ShenFenZheng", "possible_duplicate", message)
    return None


def _offer_grades(cadre: Cadre, record: LrmxRecord, *, user) -> list[OfferedGrade]:
    grades = appraisal_grades(record.appraisal_results)
    if not grades:
        return []
    return [
        o for sink in LRMX_APPRAISAL_SINKS.values() for o in sink.offer(cadre=cadre, grades=grades, user=user)
    ]


def _grade_problems(offered: list[OfferedGrade]) -> list[LrmxProblem]:
    problems = []
    for grade in offered:
        if grade.status == OFFER_CONFLICT:
            message = _(
                "%(year)s: the file says %(grade)s, the record has %(recorded)s; the recorded grade is kept."
            )
            values = {"year": grade.year, "grade": grade.grade_label, "recorded": grade.recorded_label}
            problems.append(LrmxProblem("NianDuKaoHeJieGuo", "appraisal_conflict", message % values))
        elif grade.status == OFFER_REFUSED:
            message = _(
                "%(year)s: a year after the current one has not been appraised; the grade is left out."
            )
            problems.append(LrmxProblem("NianDuKaoHeJieGuo", "year_ahead", message % {"year": grade.year}))
    if any(grade.status == OFFER_NOT_PERMITTED for grade in offered):
        message = _("The file carries yearly appraisal grades, which you may not record; they are left out.")
        problems.append(LrmxProblem("NianDuKaoHeJieGuo", "appraisal_not_permitted", message))
    return problems


def _prepare(
    name: str, data: bytes, *, unit: OrgUnit | None, user, on: datetime.date, seen: set[str]
) -> tuple[LrmxFileReport, _Pending | None]:
    report = LrmxFileReport(name=name)
    try:
        parsed = parse_lrmx(data)
    except LrmxError as exc:
        report.errors.append(FileError(exc.code, str(exc.message)))
        return report, None
    report.missing = parsed.missing
    for problem in parsed.problems:
        if problem.element == PHOTO_ELEMENT:  # a photo that cannot be decoded is not left aside
            report.errors.append(FileError(problem.code, str(problem.message), "photo"))
        else:
            report.problems.append(problem)
    if report.errors:
        return report, None
    record = parsed.record
    cadre = _match(record, user=user, report=report)
    if report.errors:
        return report, None
    if cadre is None:
        if unit is None:
            report.errors.append(FileError("unit_required", _("Choose the unit for new cadres."), "unit"))
            return report, None
        duplicate = None if record.id_number else _possible_duplicate(record, user=user)
        if duplicate:
            report.problems.append(duplicate)
        cadre = Cadre(unit=unit)
    key = f"pk:{cadre.pk}" if cadre.pk else normalise_id_number(record.id_number)
    if key:
        if key in seen:
            report.errors.append(
                FileError("duplicate_in_batch", _("Another file of this import is about the same cadre."))
            )
            return report, None
        seen.add(key)
    applied = apply_record(cadre=cadre, record=_readable_part(record, user=user, report=report), on=on)
    report.problems.extend(applied.problems)
    report.appraisals = _offer_grades(cadre, record, user=user)
    report.problems.extend(_grade_problems(report.appraisals))
    report.changes = applied.changes
    report.action = CREATE if cadre.pk is None else (UPDATE if applied.changes else UNCHANGED)
    report.cadre_id, report.cadre_name = cadre.pk, cadre.name
    report.errors.extend(_check(cadre, applied, report, user=user))
    return report, _Pending(report, cadre, applied)


# ---------------------------------------------------------------- saving


class _Rollback(Exception):
    pass


def _save_grades(pending: _Pending, *, acting_user: User) -> None:
    saved = {
        o.year: o
        for sink in LRMX_APPRAISAL_SINKS.values()
        for o in sink.save(cadre=pending.cadre, grades=pending.new_grades, acting_user=acting_user)
    }
    pending.report.appraisals = [saved.get(o.year, o) for o in pending.report.appraisals]


def _save(pending: _Pending, *, acting_user: User, written: list[str]) -> None:
    cadre, applied = pending.cadre, pending.applied
    if applied.photo is not None:
        cadre.photo.save(f"{uuid.uuid4().hex}.jpg", ContentFile(applied.photo), save=False)
        written.append(cadre.photo.name)
    cadre_save(cadre=cadre, acting_user=acting_user, family=applied.family, confirm=True)
    pending.report.cadre_id = cadre.pk


def _save_all(pendings: list[_Pending], *, acting_user: User, accept_appraisals: bool) -> bool:
    written: list[str] = []
    try:
        with transaction.atomic():
            for pending in pendings:
                try:
                    if pending.report.action != UNCHANGED:
                        _save(pending, acting_user=acting_user, written=written)
                    # A file that changes nothing on the record may still bring new grades.
                    if accept_appraisals and pending.new_grades:
                        _save_grades(pending, acting_user=acting_user)
                except ValidationError as exc:
                    pending.report.errors.extend(_validation_errors(exc))
                    raise _Rollback from exc
    except _Rollback:
        storage = Cadre._meta.get_field("photo").storage
        for name in written:
            storage.delete(name)
        return False
    return True


def lrmx_import(
    *,
    files: list[tuple[str, bytes]],
    unit: OrgUnit | None,
    acting_user: User,
    dry_run: bool = True,
    accept_appraisals: bool = True,
) -> LrmxImportReport:
    """Read .lrmx files (or zips of them) and, unless `dry_run`, create or update the cadres.

    A file is matched to a cadre by its ID number; a number held by a cadre outside the
    user's scope is an error, never an update. Files without an ID number create cadres in
    `unit`. Nothing is saved when any file has an error. The yearly grades found in 年度考核结果
    are offered as appraisal results and, with `accept_appraisals`, recorded in the same
    transaction where no grade is on record for the year.
    """
    if unit is not None:
        ensure_unit_in_scope(acting_user, unit, field="unit")
    if not files:
        raise ValidationError({"file": ValidationError(_("Choose at least one file."), code="required")})
    on = timezone.localdate()
    reports: list[LrmxFileReport] = []
    pendings: list[_Pending] = []
    seen: set[str] = set()
    for item in _expand(files):
        if isinstance(item, LrmxFileReport):
            reports.append(item)
            continue
        report, pending = _prepare(*item, unit=unit, user=acting_user, on=on, seen=seen)
        reports.append(report)
        if pending is not None:
            pendings.append(pending)
    result = LrmxImportReport(files=reports, dry_run=dry_run)
    if not dry_run and result.ok:
        result.saved = _save_all(pendings, acting_user=acting_user, accept_appraisals=accept_appraisals)
    return result


# ---------------------------------------------------------------- export


def lrmx_filename(cadre: Cadre, *, with_id: bool = False) -> str:
    name = "".join(ch for ch in cadre.name if ch not in '\\/:*?"<>|').strip() or "cadre"
    return f"{name}_{cadre.pk}.lrmx" if with_id else f"{name}.lrmx"


def lrmx_export(
    *,
    cadre: Cadre,
    on: datetime.date,
    user,
    proposed_post: str = "",
    proposed_removal: str = "",
    reason: str = "",
) -> bytes:
    """The .lrmx file of a cadre as `user` may see it (core.visibility), with the form's texts."""
    record = record_from_cadre(cadre=cadre, on=on, facts=visible_facts(user))
    record.proposed_post, record.proposed_removal, record.appointment_reason = (
        proposed_post,
        proposed_removal,
        reason,
    )
    return build_lrmx(record)


def lrmx_export_zip(*, cadres, on: datetime.date, user) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for cadre in cadres:
            info = zipfile.ZipInfo(lrmx_filename(cadre, with_id=True), date_time=on.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, lrmx_export(cadre=cadre, on=on, user=user))
    return buffer.getvalue()
