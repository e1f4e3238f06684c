"""Writes to cadre records: identity checks, search keys and the retirement date live here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Appointment, Cadre, FamilyMember
from cadres.rules.id_number import IdNumberError, validate_id_number
from cadres.rules.pinyin import name_search_keys, substring_keys
from cadres.rules.record_dates import DateFinding
from cadres.rules.retirement import default_retirement_category as _default_category
from cadres.rules.retirement import retirement_date
from cadres.selectors.appointments import primary_governing
from cadres.services.record_dates import (
    DATE_FIELDS,
    date_findings,
    dates_of,
    new_warnings,
    refused,
    warnings_confirm,
)
from core.constraints import integrity_guard, model_validate
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.uploads import image_check


def default_retirement_category(gender: str) -> str:
    return str(_default_category(gender=gender))


def cadre_prepare(cadre: Cadre) -> None:
    """Fill the derived columns and check the ID number; raises ValidationError naming the field
    after the derived columns are filled, so that it is the only error the number causes."""
    id_error = None
    if cadre.id_number:
        try:
            cadre.id_number = validate_id_number(
                value=cadre.id_number, birth_date=cadre.birth_date, gender=cadre.gender
            )
        except IdNumberError as exc:
            id_error = ValidationError({"id_number": ValidationError(str(exc.message), code=exc.code)})
    if cadre.name:
        cadre.name = cadre.name.strip()
        cadre.name_initials, cadre.name_pinyin = name_search_keys(name=cadre.name)
        cadre.name_grams = substring_keys(text=cadre.name)
    if not cadre.retirement_category and cadre.gender:
        cadre.retirement_category = default_retirement_category(cadre.gender)
    if cadre.birth_date and cadre.retirement_category:
        cadre.retirement_date = retirement_date(
            birth_date=cadre.birth_date,
            category=cadre.retirement_category,
            override=cadre.retirement_override,
        )
    if id_error is not None:
        raise id_error


_DERIVED = ["name_initials", "name_pinyin", "name_grams", "retirement_date"]
FAMILY_DATE_FIELDS = ("relation", "name", "birth_date")


def _stored_findings(cadre: Cadre, *, family: bool) -> list[DateFinding]:
    """The findings of the record as stored: what was confirmed before is not asked again."""
    stored = Cadre.objects.filter(pk=cadre.pk).values(*DATE_FIELDS).first() if cadre.pk else None
    if stored is None:
        return []
    members = FamilyMember.objects.filter(cadre_id=cadre.pk).values(*FAMILY_DATE_FIELDS) if family else ()
    return date_findings(dates=stored, family=members)


def cadre_validate(
    cadre: Cadre, *, acting_user: User | None, family: list[dict] | None = None, confirm: bool = False
) -> list[DateFinding]:
    """Every field error at once, naming the fields: an invalid ID number does not hide the others,
    a constraint is checked only over valid fields, its error naming the other record when the
    actor may see it (core.constraints), and impossible dates are field errors. Implausible dates
    the record did not already hold raise ConfirmationRequired unless `confirm`. Returns the
    implausible dates confirmed."""
    errors: dict = {}
    try:
        cadre_prepare(cadre)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    findings = date_findings(dates=dates_of(cadre), family=family or ())
    # An impossible date also fails the database's check on it, in words that name no field.
    impossible = [f.field for f in findings if f.impossible and f.field in DATE_FIELDS]
    try:
        model_validate(cadre, acting_user=acting_user, exclude=[*_DERIVED, *errors, *impossible])
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if (refusal := refused(findings, errors=errors)) is not None:
        raise refusal
    before = _stored_findings(cadre, family=family is not None)
    return warnings_confirm(new_warnings(findings, before=before), confirm=confirm)


def unit_follows_violation(
    *, cadre: Cadre, unit_id: int | None, governing: Appointment | None
) -> RuleViolation | None:
    """A stored cadre moved to another unit while a primary appointment (`governing`, from
    selectors.appointments.primary_governing) decides his unit: the unit follows that
    appointment (services.appointments), so it changes by appointment only."""
    if cadre.pk is None or unit_id == cadre.unit_id or governing is None:
        return None
    message = _("The unit follows the primary post (%(post)s); change it through an appointment.")
    return RuleViolation("unit", message % {"post": post_label(governing.post)}, "unit_follows_appointment")


def post_label(post) -> str:
    return f"{post.unit.name}{post.title}"


@transaction.atomic
def cadre_save(
    *, cadre: Cadre, acting_user: User, family: list[dict] | None = None, confirm: bool = False
) -> Cadre:
    """Create or update a cadre record; `family`, when given, replaces the family members.

    The unit of a cadre holding a primary appointment is not changed here (code
    `unit_follows_appointment`): it follows the appointment. `confirm` accepts the implausible
    dates the save would otherwise refuse (cadre_validate)."""
    ensure_unit_in_scope(acting_user, cadre.unit, field="unit")
    if cadre.pk is not None:
        stored = Cadre.objects.select_related("unit").get(pk=cadre.pk)
        ensure_unit_in_scope(acting_user, stored.unit, field="unit")
        governing = primary_governing(cadre_ids=[cadre.pk], on=timezone.localdate()).get(cadre.pk)
        if refused_move := unit_follows_violation(cadre=stored, unit_id=cadre.unit_id, governing=governing):
            raise refused_move
    cadre_validate(cadre, acting_user=acting_user, family=family, confirm=confirm)
    cadre._history_user = acting_user
    with integrity_guard(cadre, acting_user=acting_user):
        cadre.save()
    if family is not None:
        _family_write(cadre=cadre, members=family, acting_user=acting_user)
    return cadre


def family_dates_check(*, cadre: Cadre, members: list[dict], confirm: bool) -> list[DateFinding]:
    """The family members' birth dates against the cadre's, as cadre_validate checks them; members
    are dicts of FamilyMember fields. Returns the implausible dates confirmed."""
    stored = cadre.family.values(*FAMILY_DATE_FIELDS) if cadre.pk is not None else ()
    before = date_findings(dates=dates_of(cadre), family=stored)
    findings = date_findings(dates=dates_of(cadre), family=members)
    findings = [f for f in findings if f.field.startswith("family.")]
    if (refusal := refused(findings)) is not None:
        raise refusal
    return warnings_confirm(new_warnings(findings, before=before), confirm=confirm)


@transaction.atomic
def family_replace(*, cadre: Cadre, members: list[dict], acting_user: User, confirm: bool = False) -> None:
    """Replace a saved cadre's family members; their birth dates are checked as cadre_validate does."""
    ensure_unit_in_scope(acting_user, cadre.unit, field="unit")
    family_dates_check(cadre=cadre, members=members, confirm=confirm)
    _family_write(cadre=cadre, members=members, acting_user=acting_user)


def _family_write(*, cadre: Cadre, members: list[dict], acting_user: User) -> None:
    members_out = []
    for order, data in enumerate(members):
        member = FamilyMember(cadre=cadre, order=order, **data)
        try:
            model_validate(member, acting_user=acting_user, exclude=["cadre"])
        except ValidationError as exc:
            raise ValidationError(
                {f"family.{order}.{field}": errors for field, errors in exc.error_dict.items()}
            ) from exc
        members_out.append(member)
    cadre.family.all().delete()
    for member in members_out:
        member._history_user = acting_user
        member.save()


def cadre_photo_check(photo, *, invalid_code: str = "invalid_image") -> None:
    """At most 2 MB, and an image that passes core.uploads.image_open (its pixel limit included);
    raises ValidationError on `photo`."""
    if not photo:
        return
    if getattr(photo, "size", 0) > 2 * 1024 * 1024:
        raise ValidationError(
            {"photo": ValidationError(_("The photo must be at most 2 MB."), code="photo_too_large")}
        )
    photo.seek(0)
    data = photo.read()
    photo.seek(0)
    image_check(data, field="photo", code=invalid_code, message=_("The photo is not a readable image."))
