"""The one range of each numeric and date parameter (core.ranges), at its boundaries and beyond."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework import serializers

from core import ranges
from core.api.fields import RangedDateField as RangedDateSerializerField
from core.api.fields import RangedIntegerField as RangedIntegerSerializerField
from core.forms import RangedDateField, RangedIntegerField

D = datetime.date

# Spellings no client should send; each is refused, none reaches int() or the database.
OUT_OF_RANGE = ["1e309", "99999999999999999999", "inf", "-inf", "Infinity", "1e999999999", "-1e309"]
INVALID = ["NaN", "-nan", "abc", "40.5", "0x10", "", "１e"]


def code_of(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.code


def test_the_figures():
    assert (ranges.AGE.minimum, ranges.AGE.maximum) == (16, 100)
    assert (ranges.MONTHS.minimum, ranges.MONTHS.maximum) == (0, 1200)
    assert (ranges.DATE.minimum, ranges.DATE.maximum) == (D(1900, 1, 1), D(2100, 12, 31))


@pytest.mark.parametrize(
    ("bounds", "inside", "outside"),
    [(ranges.AGE, ["16", "100"], ["15", "101"]), (ranges.MONTHS, ["0", "1200"], ["-1", "1201"])],
)
def test_integer_boundaries(bounds, inside, outside):
    assert [ranges.parse_integer(raw, bounds=bounds, label="x") for raw in inside] == [
        bounds.minimum,
        bounds.maximum,
    ]
    for raw in outside:
        assert code_of(lambda raw=raw: ranges.parse_integer(raw, bounds=bounds, label="x")) == "out_of_range"


@pytest.mark.parametrize("raw", OUT_OF_RANGE)
def test_absurd_numbers_are_out_of_range(raw):
    assert code_of(lambda: ranges.parse_integer(raw, bounds=ranges.MONTHS, label="x")) == "out_of_range"


@pytest.mark.parametrize("raw", INVALID)
def test_what_is_no_whole_number_is_invalid(raw):
    assert code_of(lambda: ranges.parse_integer(raw, bounds=ranges.MONTHS, label="x")) == "invalid"


def test_other_spellings_of_a_whole_number():
    parse = ranges.parse_integer
    assert parse("-0", bounds=ranges.MONTHS, label="x") == 0
    assert parse(" 40.0 ", bounds=ranges.AGE, label="x") == 40
    assert parse("4e1", bounds=ranges.AGE, label="x") == 40
    assert code_of(lambda: parse("-0", bounds=ranges.AGE, label="x")) == "out_of_range"


def test_date_boundaries():
    check = ranges.check_in_range
    assert check(D(1900, 1, 1), bounds=ranges.DATE, label="x") == D(1900, 1, 1)
    assert check(D(2100, 12, 31), bounds=ranges.DATE, label="x") == D(2100, 12, 31)
    for day in (D(1899, 12, 31), D(2101, 1, 1), D(1, 1, 1), D(9999, 12, 31)):
        assert code_of(lambda day=day: check(day, bounds=ranges.DATE, label="x")) == "out_of_range"


def test_the_message_names_the_field_and_the_range_in_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        ranges.parse_integer("101", bounds=ranges.AGE, label="年龄自")
    assert caught.value.messages == ["「年龄自」须在 16 至 100 之间。"]


def test_form_fields():
    field = RangedIntegerField(bounds=ranges.AGE, label="Age", required=False)
    assert field.clean("16") == 16 and field.clean("") is None
    assert code_of(lambda: field.clean("1e309")) == "out_of_range"
    attrs = field.widget_attrs(field.widget)
    assert (attrs["min"], attrs["max"]) == (16, 100)  # the browser's number input knows them too
    day = RangedDateField(label="On", required=False)
    assert day.clean("2100-12-31") == D(2100, 12, 31)
    assert code_of(lambda: day.clean("2101-01-01")) == "out_of_range"


def test_serializer_fields_keep_the_code():
    field = RangedIntegerSerializerField(bounds=ranges.MONTHS, label="Months")
    assert field.run_validation("1200") == 1200
    with pytest.raises(serializers.ValidationError) as caught:
        field.run_validation("1201")
    assert caught.value.detail[0].code == "out_of_range"
    day = RangedDateSerializerField(label="On")
    assert day.run_validation("1900-01-01") == D(1900, 1, 1)
    with pytest.raises(serializers.ValidationError) as caught:
        day.run_validation("1899-12-31")
    assert caught.value.detail[0].code == "out_of_range"
