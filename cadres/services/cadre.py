"""Writes to cadre records: identity checks, search keys and the retirement date live here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cadres.models import Cadre, FamilyMember
from cadres.rules.id_number import IdNumberError, validate_id_number
from cadres.rules.pinyin import name_search_keys
from cadres.rules.record_dates import DateFinding
from cadres.rules.retirement import default_retirement_category as _default_category
from cadres.rules.retirement import retirement_date
from cadres.services.record_dates import (
    DATE_FIELDS,
    date_findings,
    dates_of,
    new_warnings,
    refused,
    warnings_confirm,
)
from core.models import User
from core.scope import ensure_unit_in_scope
from core.uploads import image_check


def default_retirement_category(gender: str) -> str:
    return str(_default_category(gender=gender))


def cadre_prepare(cadre: Cadre) -> None:
    """Fill the derived columns and check the ID number; raises ValidationError naming the field."""
    if cadre.id_number:
        try:
            cadre.id_number = validate_id_number(
                value=cadre.id_number, birth_date=cadre.birth_date, gender=cadre.gender
            )
        except IdNumberError as exc:
            raise ValidationError({"id_number": ValidationError(str(exc.message), code=exc.code)}) from exc
    if cadre.name:
        cadre.name = cadre.name.strip()
        cadre.name_initials, cadre.name_pinyin = name_search_keys(name=cadre.name)
    if not cadre.retirement_category and cadre.gender:
        cadre.retirement_category = default_retirement_category(cadre.gender)
    if cadre.birth_date and cadre.retirement_category:
        cadre.retirement_date = retirement_date(
            birth_date=cadre.birth_date,
            category=cadre.retirement_category,
            override=cadre.retirement_override,
        )


FAMILY_DATE_FIELDS = ("relation", "name", "birth_date")


def _stored_findings(cadre: Cadre, *, family: bool) -> list[DateFinding]:
    """The findings of the record as stored: what was confirmed before is not asked again."""
    stored = Cadre.objects.filter(pk=cadre.pk).values(*DATE_FIELDS).first() if cadre.pk else None
    if stored is None:
        return []
    members = FamilyMember.objects.filter(cadre_id=cadre.pk).values(*FAMILY_DATE_FIELDS) if family else ()
    return date_findings(dates=stored, family=members)


def cadre_validate(
    cadre: Cadre, *, family: list[dict] | None = None, confirm: bool = False
) -> list[DateFinding]:
    """Check the record (and `family`, when given); raises ValidationError naming the fields.

    Impossible dates are field errors; implausible ones the record did not already hold raise
    ConfirmationRequired unless `confirm`. Returns the implausible dates confirmed.
    """
    cadre_prepare(cadre)
    findings = date_findings(dates=dates_of(cadre), family=family or ())
    errors = {}
    try:
        # An impossible date also fails the database's check on it, in words that name no field.
        cadre.full_clean(
            exclude=["name_initials", "name_pinyin", "retirement_date"],
            validate_constraints=not any(f.impossible for f in findings),
        )
    except ValidationError as exc:
        errors = exc.error_dict
    if (refusal := refused(findings, errors=errors)) is not None:
        raise refusal
    before = _stored_findings(cadre, family=family is not None)
    return warnings_confirm(new_warnings(findings, before=before), confirm=confirm)


@transaction.atomic
def cadre_save(
    *, cadre: Cadre, acting_user: User, family: list[dict] | None = None, confirm: bool = False
) -> Cadre:
    """Create or update a cadre record; `family`, when given, replaces the family members.

    `confirm` accepts the implausible dates the save would otherwise refuse (cadre_validate).
    """
    ensure_unit_in_scope(acting_user, cadre.unit, field="unit")
    if cadre.pk is not None:
        old_unit = Cadre.objects.select_related("unit").get(pk=cadre.pk).unit
        ensure_unit_in_scope(acting_user, old_unit, field="unit")
    cadre_validate(cadre, family=family, confirm=confirm)
    cadre._history_user = acting_user
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
            member.full_clean(exclude=["cadre"])
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
