"""Apply a read .lrmx record to a cadre: the changes field by field, and the problems found."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadres.choices import (
    DEMOCRATIC_PARTY_FORM_LABELS,
    DEMOCRATIC_PARTY_UNNAMED,
)
from cadres.exchange.lrmx.codec import (
    PARTY_ELEMENT,
    LrmxProblem,
    LrmxRecord,
    pre_reform_age_from_text,
)
from cadres.exchange.lrmx.mapping import (
    DEGREE_LABELS,
    EDUCATION_LABELS,
    ELEMENT_LABELS,
    ETHNICITY_LABELS,
    POLITICAL_STATUS_LABELS,
    PRE_REFORM_MISMATCH,
    RETIREMENT_MISMATCH,
    UNKNOWN_LABEL,
    appraisal_text,
    degree_from_label,
    democratic_party_from_label,
    education_from_label,
    ethnicity_from_label,
    photo_bytes,
    registered_rewards,
    relation_from_label,
    relation_label,
    retirement_category_of,
    squash,
)
from cadres.models import Cadre, FamilyRelation, PoliticalStatus, RetirementCategory
from cadres.models import FamilyMember as FamilyMemberModel
from cadres.rules.id_number import IdNumberError, normalise_id_number, validate_id_number
from cadres.rules.partial_dates import PartialDateError, format_year_month, parse_roster_date
from cadres.rules.retirement import pre_reform_retirement_age, retirement_date
from cadres.selectors.profile import PARTY_MEMBERS


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class AppliedRecord:
    """What `apply_record` did to the instance; `family`/`photo` are None when they stay as they are."""

    changes: list[FieldChange] = field(default_factory=list)
    problems: list[LrmxProblem] = field(default_factory=list)
    family: list[dict] | None = None
    photo: bytes | None = None


def _label(name: str) -> str:
    return str(Cadre._meta.get_field(name).verbose_name)


def _month(value: datetime.date | None) -> str:
    return format_year_month(value) if value else ""


def _same_month(a: datetime.date | None, b: datetime.date | None) -> bool:
    return a is not None and b is not None and (a.year, a.month) == (b.year, b.month)


class _Applier:
    def __init__(self, cadre: Cadre, record: LrmxRecord, on: datetime.date) -> None:
        self.cadre, self.record, self.on = cadre, record, on
        self.result = AppliedRecord()

    def change(self, name: str, value, *, old: str | None = None, new: str | None = None) -> None:
        current = getattr(self.cadre, name)
        if value == current:
            return
        self.result.changes.append(
            FieldChange(name, _label(name), str(current or "") if old is None else old, new or str(value))
        )
        setattr(self.cadre, name, value)

    def problem(self, element: str, label: str) -> None:
        message = _("“%(label)s” is not a known value; the field was left as it is.") % {"label": label}
        self.result.problems.append(LrmxProblem(element, UNKNOWN_LABEL, message))

    def text(self, name: str, value: str) -> None:
        if value:
            self.change(name, value)

    def month(self, name: str, value: datetime.date | None) -> None:
        """The form keeps year and month: the same month keeps the day already recorded."""
        current = getattr(self.cadre, name)
        if value and not _same_month(current, value):
            self.change(name, value, old=_month(current), new=_month(value))

    def choice(self, name: str, element: str, label: str, code: str | None, labels: dict) -> None:
        if not label:
            return
        if code is None:
            self.problem(element, label)
            return
        self.change(name, code, old=labels.get(getattr(self.cadre, name), ""), new=labels.get(code, label))


def _identity(applier: _Applier) -> None:
    """ID number first: for a new record it fills a missing gender and the day of birth."""
    cadre, record = applier.cadre, applier.record
    number = normalise_id_number(record.id_number)
    if number and "*" not in number:
        applier.change("id_number", number)
    try:
        validate_id_number(value=number)
        from_id = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        gender_from_id = "male" if int(number[16]) % 2 else "female"
    except (IdNumberError, ValueError):
        from_id = gender_from_id = None
    applier.choice("gender", "XingBie", record.gender or "", record.gender, {"male": "男", "female": "女"})
    if not cadre.gender and gender_from_id:
        applier.change("gender", gender_from_id, new={"male": "男", "female": "女"}[gender_from_id])
    birth = record.birth
    if _same_month(birth, from_id):
        birth = from_id  # the form keeps the month only; the ID number has the day
    if cadre.birth_date is None:
        birth = birth or from_id
        if birth:
            applier.change("birth_date", birth, new=birth.strftime("%Y.%m.%d"))
    else:
        applier.month("birth_date", birth)


def _education(applier: _Applier) -> None:
    record = applier.record
    for prefix, edu_name, degree_name, school_name in (
        ("QuanRiZhiJiaoYu", "education", "degree", "education_school"),
        ("ZaiZhiJiaoYu", "inservice_education", "inservice_degree", "inservice_school"),
    ):
        attr = "fulltime" if prefix == "QuanRiZhiJiaoYu" else "inservice"
        degree_label = getattr(record, f"{attr}_degree")
        degree = degree_from_label(degree_label)
        applier.choice(degree_name, f"{prefix}_XueWei", degree_label, degree, DEGREE_LABELS)
        edu_label = getattr(record, f"{attr}_education")
        education = education_from_label(edu_label, degree=degree or "")
        applier.choice(edu_name, f"{prefix}_XueLi", edu_label, education, EDUCATION_LABELS)
        school = getattr(record, f"{attr}_education_school") or getattr(record, f"{attr}_degree_school")
        applier.text(school_name, school)


def _family_rows(applier: _Applier) -> list[dict]:
    existing = {(m.name, m.relation): m for m in applier.cadre.family.all()} if applier.cadre.pk else {}
    rows = []
    for index, member in enumerate(applier.record.family):
        relation = relation_from_label(member.relation)
        if relation is None:
            applier.problem(f"JiaTingChengYuan.{index}.ChengWei", member.relation)
            relation = FamilyRelation.OTHER
        try:
            birth = parse_roster_date(member.birth) if member.birth else None
        except PartialDateError as exc:
            applier.result.problems.append(
                LrmxProblem(f"JiaTingChengYuan.{index}.ChuShengRiQi", exc.code, exc.message)
            )
            birth = None
        known = existing.get((member.name, relation))
        if known and _same_month(known.birth_date, birth):
            birth = known.birth_date
        rows.append(
            {
                "relation": relation,
                "name": member.name,
                "birth_date": birth,
                "political_status": member.political_status,
                "work_unit_post": member.work_unit_and_post,
                "relative_cadre": known.relative_cadre if known else None,
                # The LRMX format has no such field: an import keeps what HR recorded.
                "settled_abroad": known.settled_abroad if known else False,
            }
        )
    return rows


def family_text(*, rows: list[dict], cadre_gender: str) -> str:
    return "；".join(
        " ".join(
            part
            for part in (
                relation_label(row["relation"], cadre_gender=cadre_gender),
                row["name"],
                _month(row.get("birth_date")),
                row.get("political_status", ""),
                row.get("work_unit_post", ""),
            )
            if part
        )
        for row in rows
    )


_FAMILY_KEYS = ("relation", "name", "birth_date", "political_status", "work_unit_post")


def _family(applier: _Applier) -> None:
    if not applier.record.family:
        return
    rows = _family_rows(applier)
    cadre = applier.cadre
    old_rows = (
        [{key: getattr(m, key) for key in (*_FAMILY_KEYS, "relative_cadre")} for m in cadre.family.all()]
        if cadre.pk
        else []
    )
    if [[r[k] for k in _FAMILY_KEYS] for r in rows] == [[r[k] for k in _FAMILY_KEYS] for r in old_rows]:
        return
    gender = applier.record.gender or cadre.gender
    applier.result.family = rows
    applier.result.changes.append(
        FieldChange(
            "family",
            str(FamilyMemberModel._meta.verbose_name_plural),
            family_text(rows=old_rows, cadre_gender=gender),
            family_text(rows=rows, cadre_gender=gender),
        )
    )


def _photo(applier: _Applier) -> None:
    data = applier.record.photo
    if not data:
        return
    # Whether it is an image is checked with the rest of the record (cadre_photo_check).
    if data == photo_bytes(applier.cadre):
        return
    applier.result.photo = data
    old = _("photo on file") if applier.cadre.photo else ""
    new = _("new photo (%(size)s KB)") % {"size": max(1, round(len(data) / 1024))}
    applier.result.changes.append(FieldChange("photo", _label("photo"), str(old), str(new)))


def _other_fields(applier: _Applier) -> None:
    cadre, record = applier.cadre, applier.record
    applier.text("name", record.name.strip())
    ethnicity = ethnicity_from_label(record.ethnicity) if record.ethnicity else None
    applier.choice("ethnicity", "MinZu", record.ethnicity, ethnicity, ETHNICITY_LABELS)
    for name in ("native_place", "birthplace", "health", "professional_title", "specialities"):
        applier.text(name, getattr(record, name))
    _party(applier)
    applier.month("work_start_date", record.work_start)
    resume = [line.strip() for line in record.resume_lines]
    if resume and resume != cadre.resume_lines:
        applier.change("resume", "\n".join(resume))
    # The export writes the registered lines (commendations) first: reading them back is no change.
    registered = {line.strip() for line in registered_rewards(cadre=cadre)}
    rewards = [
        line for line in record.rewards_punishments.strip().splitlines() if line.strip() not in registered
    ]
    applier.text("rewards_punishments", "\n".join(rewards).strip())
    appraisal = record.appraisal_results.strip()
    # The export writes the recorded yearly grades: reading them back is no change.
    if appraisal and appraisal != appraisal_text(cadre=cadre, on=applier.on):
        applier.text("appraisal_summary", appraisal)


def _party(applier: _Applier) -> None:
    """A date alone is a CPC member's; a date and a name (200006；民盟) a democratic party member's."""
    cadre, record = applier.cadre, applier.record
    applier.month("party_join_date", record.party_join)
    name = record.party_name
    if not name:
        if record.party_join and cadre.political_status not in PARTY_MEMBERS:
            applier.choice(
                "political_status",
                PARTY_ELEMENT,
                "中共党员",
                PoliticalStatus.CPC_MEMBER,
                POLITICAL_STATUS_LABELS,
            )
        return
    code = democratic_party_from_label(name)
    if code is None and squash(name) != DEMOCRATIC_PARTY_UNNAMED:
        applier.problem(PARTY_ELEMENT, name)
        return
    applier.choice(
        "political_status", PARTY_ELEMENT, name, PoliticalStatus.DEMOCRATIC_PARTY, POLITICAL_STATUS_LABELS
    )
    if code:
        applier.choice("democratic_party", PARTY_ELEMENT, name, code, DEMOCRATIC_PARTY_FORM_LABELS)


def _retirement_month(applier: _Applier, category: str) -> None:
    cadre, record = applier.cadre, applier.record
    if not (record.retirement_month and cadre.birth_date):
        return
    ours = retirement_date(birth_date=cadre.birth_date, category=category, override=cadre.retirement_override)
    if not _same_month(ours, record.retirement_month):
        message = _("The file's %(element)s is %(file)s; the retirement rule (%(rule)s) gives %(ours)s.")
        values = {
            "element": ELEMENT_LABELS["DaoLingNianYue"],
            "file": _month(record.retirement_month),
            "ours": _month(ours),
            "rule": RetirementCategory(category).label,
        }
        applier.result.problems.append(LrmxProblem("DaoLingNianYue", RETIREMENT_MISMATCH, message % values))


def _pre_reform_limit(applier: _Applier, category: str) -> None:
    """Peer tools write limits no category of ours gives (63, 65, 66 for senior experts): a limit
    that differs from ours is stored as read and shown beside ours; one that agrees changes nothing."""
    text = applier.record.pre_reform_age_limit
    ours = pre_reform_retirement_age(category=category)
    if not text or pre_reform_age_from_text(text) == ours:
        return
    applier.change("lrmx_pre_reform_age_limit", text)
    message = _(
        "The file's %(element)s is “%(file)s”; the retirement rule (%(rule)s) gives %(ours)s years. "
        "The file's value is kept on the record beside ours."
    )
    values = {
        "element": ELEMENT_LABELS["GaiGeQianRenZhiNianLingJieXian"],
        "file": text,
        "ours": ours,
        "rule": RetirementCategory(category).label,
    }
    applier.result.problems.append(
        LrmxProblem("GaiGeQianRenZhiNianLingJieXian", PRE_REFORM_MISMATCH, message % values)
    )


def _reform(applier: _Applier) -> None:
    """The 2025 reform's elements (到龄年月, 改革前任职年龄界限) against our retirement rule."""
    category = retirement_category_of(applier.cadre)
    if category:
        _retirement_month(applier, category)
        _pre_reform_limit(applier, category)


def apply_record(*, cadre: Cadre, record: LrmxRecord, on: datetime.date | None = None) -> AppliedRecord:
    """Set the record's values on `cadre` (not saved) and list the changes for a preview.

    The form's own fields (拟任职务, 任免理由, 现任职务 …) are not part of a cadre record and
    are not read: current posts come from appointments.
    """
    applier = _Applier(cadre, record, on or timezone.localdate())
    _identity(applier)
    _other_fields(applier)
    _reform(applier)
    _education(applier)
    _family(applier)
    _photo(applier)
    return applier.result
