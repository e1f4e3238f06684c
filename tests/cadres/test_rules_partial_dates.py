import datetime

import pytest

from cadres.rules.partial_dates import (
    PartialDateError,
    format_compact,
    format_year_month,
    parse_roster_date,
    parse_year_month_compact,
)

MAY_1980 = datetime.date(1980, 5, 1)
MAY_12_1980 = datetime.date(1980, 5, 12)


@pytest.mark.parametrize(
    "value",
    ["1980.05", "1980.5", "1980-05", "1980/05", "1980年5月", "1980年05月", "198005", "1980年5", " 1980.05 "],
)
def test_year_month_strings_give_the_first(value):
    assert parse_roster_date(value) == MAY_1980


@pytest.mark.parametrize(
    "value",
    ["1980.05.12", "1980-05-12", "1980/5/12", "19800512", "1980年5月12日", "1980年05月12", "\t1980-05-12\n"],
)
def test_full_date_strings(value):
    assert parse_roster_date(value) == MAY_12_1980


def test_october_is_not_read_as_january():
    assert parse_roster_date("1980.10") == datetime.date(1980, 10, 1)
    assert parse_roster_date("1980.1") == datetime.date(1980, 1, 1)


def test_full_width_digits_and_punctuation():
    assert parse_roster_date("１９８０．０５") == MAY_1980


def test_real_dates_from_openpyxl():
    assert parse_roster_date(MAY_12_1980) == MAY_12_1980
    assert parse_roster_date(datetime.datetime(1980, 5, 12, 13, 45)) == MAY_12_1980


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (29353, MAY_12_1980),
        (29353.0, MAY_12_1980),
        (1, datetime.date(1900, 1, 1)),
        (61, datetime.date(1900, 3, 1)),
        (45000, datetime.date(2023, 3, 15)),
    ],
)
def test_excel_serial_numbers(serial, expected):
    assert parse_roster_date(serial) == expected


def test_compact_numbers_typed_into_number_cells():
    assert parse_roster_date(198005) == MAY_1980
    assert parse_roster_date(19800512) == MAY_12_1980


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "1980",
        "1980.13",
        "1980.00",
        "198013",
        "1980.05.32",
        "1980.02.30",
        "19810229",
        "1980-05/12",
        "1980年13月",
        "80.05",
        "1980.05.12.1",
        "May 1980",
        "abc",
        "١٩٨٠.٠٥",
        None,
        True,
        [1980, 5],
        0,
        -5,
        2958466,
        1980.05,  # a year.month typed as a number: ambiguous, refused
        29353.5,
        float("nan"),
        float("inf"),
    ],
)
def test_refused(value):
    with pytest.raises(PartialDateError) as caught:
        parse_roster_date(value)
    assert caught.value.code == "date_format"


def test_leap_day():
    assert parse_roster_date("1984.02.29") == datetime.date(1984, 2, 29)


def test_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_roster_date("nope")


def test_format_year_month():
    assert format_year_month(MAY_12_1980) == "1980.05"
    assert format_year_month(datetime.date(2001, 12, 31)) == "2001.12"


def test_compact_round_trip():
    assert format_compact(MAY_12_1980) == "198005"
    assert parse_year_month_compact("198005") == MAY_1980
    assert parse_year_month_compact(format_compact(datetime.date(2024, 11, 30))) == datetime.date(2024, 11, 1)


@pytest.mark.parametrize("value", ["1980.05", "19800512", "198013", "", "19805"])
def test_compact_parser_accepts_only_yyyymm(value):
    with pytest.raises(PartialDateError):
        parse_year_month_compact(value)
