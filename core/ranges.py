"""The one validated range of every numeric and date query parameter, HTML filter and API alike.

A value outside its range is refused with code `out_of_range` and a message naming the field
and the range, instead of reaching date arithmetic or the database (a year 248565 is a 500,
not an empty list). The figures live here and nowhere else: the form fields, the django-filter
filters, the serializer fields and the OpenAPI schema all read them.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Bounds:
    minimum: int | datetime.date
    maximum: int | datetime.date


AGE = Bounds(16, 100)
MONTHS = Bounds(0, 1200)
DAYS = Bounds(0, 3650)
YEAR = Bounds(1900, 2100)
DATE = Bounds(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))
PAGE_SIZE = Bounds(1, 500)
ID = Bounds(1, 2**63 - 1)  # a primary key (bigint)

OUT_OF_RANGE = "out_of_range"


def out_of_range(*, label: str, bounds: Bounds) -> ValidationError:
    return ValidationError(
        _("%(field)s must be between %(minimum)s and %(maximum)s."),
        code=OUT_OF_RANGE,
        params={"field": label, "minimum": bounds.minimum, "maximum": bounds.maximum},
    )


def check_in_range(value: int | datetime.date, *, bounds: Bounds, label: str) -> int | datetime.date:
    if not bounds.minimum <= value <= bounds.maximum:
        raise out_of_range(label=label, bounds=bounds)
    return value


def parse_integer(raw: object, *, bounds: Bounds, label: str) -> int:
    """A whole number in the bounds, from any spelling a client may send: "40", "40.0", "-0",
    "4e1". Infinity and huge numbers are out of range; NaN, fractions and words are invalid.

    The bounds are checked on the Decimal, before int(): int() of "1e999999" would build a
    number with a million digits."""
    text = str(raw).strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or number.is_nan():
        raise ValidationError(_("Enter a whole number."), code="invalid")
    if not bounds.minimum <= number <= bounds.maximum:
        raise out_of_range(label=label, bounds=bounds)
    if number != number.to_integral_value():
        raise ValidationError(_("Enter a whole number."), code="invalid")
    return int(number)
