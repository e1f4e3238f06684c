"""Writes to cadre records: identity checks, search keys and the retirement date live here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cadres.models import Cadre, FamilyMember
from cadres.rules.id_number import IdNumberError, validate_id_number
from cadres.rules.pinyin import name_search_keys, substring_keys
from cadres.rules.retirement import default_retirement_category as _default_category
from cadres.rules.retirement import retirement_date
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
        cadre.name_grams = substring_keys(text=cadre.name)
    if not cadre.retirement_category and cadre.gender:
        cadre.retirement_category = default_retirement_category(cadre.gender)
    if cadre.birth_date and cadre.retirement_category:
        cadre.retirement_date = retirement_date(
            birth_date=cadre.birth_date,
            category=cadre.retirement_category,
            override=cadre.retirement_override,
        )


def cadre_validate(cadre: Cadre) -> None:
    cadre_prepare(cadre)
    cadre.full_clean(exclude=["name_initials", "name_pinyin", "name_grams", "retirement_date"])


@transaction.atomic
def cadre_save(*, cadre: Cadre, acting_user: User, family: list[dict] | None = None) -> Cadre:
    """Create or update a cadre record; `family`, when given, replaces the family members."""
    ensure_unit_in_scope(acting_user, cadre.unit, field="unit")
    if cadre.pk is not None:
        old_unit = Cadre.objects.select_related("unit").get(pk=cadre.pk).unit
        ensure_unit_in_scope(acting_user, old_unit, field="unit")
    cadre_validate(cadre)
    cadre._history_user = acting_user
    cadre.save()
    if family is not None:
        family_replace(cadre=cadre, members=family, acting_user=acting_user)
    return cadre


def family_replace(*, cadre: Cadre, members: list[dict], acting_user: User) -> None:
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
