"""Resident ID numbers (居民身份证号码, GB 11643): format, birth date, check digit, agreement."""

import datetime
import re

from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumValidationError

MALE = "male"
FEMALE = "female"

_EIGHTEEN = re.compile(r"[0-9]{17}[0-9X]")
_FIFTEEN = re.compile(r"[0-9]{15}")


class IdNumberError(ValueError):
    """An ID number that fails a check; `code` is stable, `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message


def normalise_id_number(value: str) -> str:
    """Drop all whitespace and write the check character X in upper case."""
    return "".join(value.split()).upper()


def _check_format(number: str) -> None:
    if _FIFTEEN.fullmatch(number):
        raise IdNumberError(
            "id_format",
            _("15-digit ID numbers are not accepted; enter the 18-digit number."),
        )
    if not _EIGHTEEN.fullmatch(number):
        raise IdNumberError("id_format", _("An ID number has 17 digits followed by a digit or X."))


def _birth_date(number: str) -> datetime.date:
    try:
        return ric.get_birth_date(number)
    except StdnumValidationError:
        raise IdNumberError(
            "id_birth_date", _("Digits 7 to 14 of the ID number are not a real date.")
        ) from None


def _check_agreement(number: str, birth_date: datetime.date | None, gender: str | None) -> None:
    born = _birth_date(number)
    if birth_date is not None and (born.year, born.month, born.day) != (
        birth_date.year,
        birth_date.month,
        birth_date.day,
    ):
        raise IdNumberError("id_birth_mismatch", _("The ID number does not match the recorded birth date."))
    # An unknown or empty gender is not the number's fault, so only a known one is compared.
    if gender in (MALE, FEMALE) and gender != _gender(number):
        raise IdNumberError("id_gender_mismatch", _("The ID number does not match the recorded gender."))


def _gender(number: str) -> str:
    return MALE if int(number[16]) % 2 else FEMALE


def validate_id_number(
    *, value: str, birth_date: datetime.date | None = None, gender: str | None = None
) -> str:
    """Return the normalised number, or raise IdNumberError.

    ric.validate is not used: it refuses area codes that did not exist in the birth year,
    and people born before 1985 got numbers under codes created later.
    """
    number = normalise_id_number(value)
    _check_format(number)
    _birth_date(number)
    if ric.calc_check_digit(number) != number[-1]:
        raise IdNumberError("id_check_digit", _("The check digit of the ID number is wrong."))
    _check_agreement(number, birth_date, gender)
    return number


def birth_date_from_id(value: str) -> datetime.date:
    """The birth date written in a valid ID number (raises IdNumberError otherwise)."""
    return _birth_date(validate_id_number(value=value))


def gender_from_id(value: str) -> str:
    """ "male" or "female" from the 17th digit of a valid ID number (raises IdNumberError otherwise)."""
    return _gender(validate_id_number(value=value))


MASK_KEEP = 2  # the province code


def mask_id_number(value: str) -> str:
    """The first two characters (the province) and 16 asterisks; anything not 18 long is masked whole.

    More would not hide the number: the region code takes a few guesses, the birth date and
    gender are shown beside it, and the check digit follows from the rest.
    """
    number = normalise_id_number(value)
    if len(number) != 18:
        return "*" * len(number)
    return number[:MASK_KEEP] + "*" * (18 - MASK_KEEP)


def is_masked_id_number(value: str) -> bool:
    return "*" in value
