import datetime

import pytest
from django.conf import settings
from django.utils import translation
from stdnum.cn import ric

from cadres.rules.id_number import (
    IdNumberError,
    birth_date_from_id,
    gender_from_id,
    mask_id_number,
    validate_id_number,
)


def make_id(area: str, born: str, sequence: str) -> str:
    """A number with a correct check digit (calc_check_digit ignores the last character)."""
    body = area + born + sequence
    return body + ric.calc_check_digit(body + "0")


def wrong_check_digit(number: str) -> str:
    return number[:-1] + ("1" if number[-1] != "1" else "2")


def assert_code(code: str, **kwargs) -> None:
    with pytest.raises(IdNumberError) as caught:
        validate_id_number(**kwargs)
    assert caught.value.code == code


MALE_1980 = make_id("110101", "19800512", "123")  # 17th digit 3: male
FEMALE_1990 = make_id("320102", "19900101", "124")  # 17th digit 4: female


def test_valid_number_is_returned_normalised():
    assert validate_id_number(value=MALE_1980) == MALE_1980


@pytest.mark.parametrize("sequence", ["001", "002", "050", "099", "998", "999"])
def test_valid_numbers_with_various_check_digits(sequence):
    number = make_id("440305", "19751231", sequence)
    assert validate_id_number(value=number) == number


def test_check_digit_x_is_accepted_and_lowercase_x_uppercased():
    number = next(n for s in range(1000) if (n := make_id("110101", "19800101", f"{s:03d}")).endswith("X"))
    assert validate_id_number(value=number.lower()) == number


def test_spaces_are_stripped():
    spaced = f" {MALE_1980[:6]} {MALE_1980[6:14]}\t{MALE_1980[14:]} "
    assert validate_id_number(value=spaced) == MALE_1980


def test_area_code_created_after_birth_is_accepted():
    # Hainan's 460100 dates from 1988: stdnum's own validate refuses it for a 1968 birth.
    number = make_id("460100", "19680315", "011")
    assert not ric.is_valid(number)
    assert validate_id_number(value=number) == number


def test_unknown_area_code_is_accepted():
    number = make_id("999999", "19700101", "011")
    assert validate_id_number(value=number) == number


def test_wrong_check_digit():
    assert_code("id_check_digit", value=wrong_check_digit(MALE_1980))


def test_fifteen_digit_number_is_refused_as_format():
    assert_code("id_format", value="110101800512123")


@pytest.mark.skipif(not settings.configured, reason="translating a message needs Django settings")
def test_fifteen_digit_message_says_so():
    with pytest.raises(IdNumberError) as caught:
        validate_id_number(value="110101800512123")
    with translation.override("en"):
        assert "15-digit" in str(caught.value.message)


@pytest.mark.parametrize(
    "value",
    [
        MALE_1980[:17],  # 17 digits
        MALE_1980 + "1",  # 19 digits
        "",
        "   ",
        "11010119800512A23X",  # a letter inside
        "11010119800512123A",  # a letter other than X at the end
        "X10101198005121234",
        "１１０１０１１９８００５１２１２３４",  # full-width digits
    ],
)
def test_format(value):
    assert_code("id_format", value=value)


@pytest.mark.parametrize("born", ["19800230", "19801301", "19800001", "19800100", "19800432", "19000229"])
def test_impossible_birth_dates(born):
    assert_code("id_birth_date", value=make_id("110101", born, "123"))


def test_feb_29_in_leap_year_is_valid():
    number = make_id("110101", "19840229", "123")
    assert validate_id_number(value=number) == number
    assert birth_date_from_id(number) == datetime.date(1984, 2, 29)


def test_feb_29_in_non_leap_year_is_refused():
    assert_code("id_birth_date", value=make_id("110101", "19830229", "123"))


def test_feb_29_2000_is_valid():
    number = make_id("110101", "20000229", "124")
    assert birth_date_from_id(number) == datetime.date(2000, 2, 29)


def test_birth_date_checked_before_check_digit():
    assert_code("id_birth_date", value=wrong_check_digit(make_id("110101", "19800230", "123")))


def test_matching_birth_date_and_gender():
    born = datetime.date(1980, 5, 12)
    assert validate_id_number(value=MALE_1980, birth_date=born, gender="male") == MALE_1980
    assert validate_id_number(value=FEMALE_1990, birth_date=datetime.date(1990, 1, 1), gender="female")


def test_birth_date_given_as_datetime_is_compared_by_day():
    born = datetime.datetime(1980, 5, 12, 8, 30)
    assert validate_id_number(value=MALE_1980, birth_date=born) == MALE_1980


@pytest.mark.parametrize(
    "born",
    [
        datetime.date(1980, 5, 13),
        datetime.date(1980, 6, 12),
        datetime.date(1981, 5, 12),
        datetime.date(1980, 5, 1),
    ],
)
def test_birth_date_mismatch(born):
    assert_code("id_birth_mismatch", value=MALE_1980, birth_date=born)


def test_gender_mismatch():
    assert_code("id_gender_mismatch", value=MALE_1980, gender="female")
    assert_code("id_gender_mismatch", value=FEMALE_1990, gender="male")


@pytest.mark.parametrize("gender", [None, ""])
def test_no_gender_is_not_compared(gender):
    assert validate_id_number(value=MALE_1980, gender=gender) == MALE_1980


def test_gender_from_id():
    assert gender_from_id(MALE_1980) == "male"
    assert gender_from_id(FEMALE_1990) == "female"


def test_birth_date_from_id():
    assert birth_date_from_id(MALE_1980) == datetime.date(1980, 5, 12)


def test_helpers_refuse_invalid_numbers():
    with pytest.raises(IdNumberError):
        birth_date_from_id(wrong_check_digit(MALE_1980))
    with pytest.raises(IdNumberError):
        gender_from_id("12345")


def test_error_is_a_value_error_with_code_and_message():
    with pytest.raises(ValueError) as caught:
        validate_id_number(value="abc")
    assert caught.value.code == "id_format"
    assert caught.value.message is not None


def test_mask_shows_the_province_only():
    masked = mask_id_number(MALE_1980)
    assert masked == MALE_1980[:2] + "*" * 16
    assert len(masked) == 18
    # Neither the region, nor the birth date, nor the sequence and check digit survive.
    assert MALE_1980[2:6] not in masked[2:] and MALE_1980[-4:] not in masked


def test_mask_normalises_first():
    number = next(n for s in range(1000) if (n := make_id("110101", "19800101", f"{s:03d}")).endswith("X"))
    assert mask_id_number(" " + number.lower()) == number[:2] + "*" * 16


@pytest.mark.parametrize("value", ["", "12345", "110101800512123"])
def test_mask_hides_everything_of_odd_lengths(value):
    assert mask_id_number(value) == "*" * len(value)
