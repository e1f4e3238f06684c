"""讨论决定: ≥ 2/3 of members present; more than half of all members vote for."""

import pytest

from cadres.rules.decision import check_quorum, check_votes, is_approved


@pytest.mark.parametrize(
    ("total", "present", "ok"),
    [
        (9, 6, True),
        (9, 5, False),
        (10, 7, True),  # 20/3 = 6.67
        (10, 6, False),
        (11, 8, True),  # 22/3 = 7.33
        (11, 7, False),
        (9, 9, True),
        (1, 1, True),
        (1, 0, False),
        (3, 2, True),
    ],
)
def test_quorum(total, present, ok):
    result = check_quorum(members_total=total, members_present=present)
    assert result.ok is ok
    assert bool(result) is ok
    assert result.code == ("" if ok else "quorum_not_met")


@pytest.mark.parametrize(("total", "required"), [(9, 6), (10, 7), (11, 8), (12, 8)])
def test_quorum_reports_the_required_count(total, required):
    result = check_quorum(members_total=total, members_present=0)
    assert result.params == {
        "members_total": total,
        "members_present": 0,
        "numerator": 2,
        "denominator": 3,
        "required": required,
    }


def test_quorum_fraction_is_a_parameter():
    assert check_quorum(members_total=10, members_present=6, numerator=3, denominator=5).ok
    assert not check_quorum(members_total=10, members_present=5, numerator=3, denominator=5).ok


@pytest.mark.parametrize(("total", "present"), [(9, 10), (9, -1), (-1, 0), (0, 0)])
def test_quorum_invalid_counts(total, present):
    result = check_quorum(members_total=total, members_present=present)
    assert not result.ok
    assert result.code == "invalid_counts"


@pytest.mark.parametrize(
    ("total", "votes", "ok"),
    [
        (9, 5, True),
        (9, 4, False),
        (10, 6, True),
        (10, 5, False),  # exactly half is not more than half
        (11, 6, True),
        (11, 5, False),
        (1, 1, True),
        (1, 0, False),
    ],
)
def test_votes_count_against_all_members(total, votes, ok):
    assert is_approved(members_total=total, votes_for=votes) is ok
    result = check_votes(members_total=total, votes_for=votes)
    assert result.ok is ok
    assert result.code == ("" if ok else "votes_insufficient")


@pytest.mark.parametrize(("total", "required"), [(9, 5), (10, 6), (11, 6)])
def test_votes_report_the_required_count(total, required):
    assert check_votes(members_total=total, votes_for=0).params["required"] == required


def test_seven_present_of_eleven_cannot_decide_but_six_votes_of_eight_present_can():
    assert not check_quorum(members_total=11, members_present=7).ok
    assert check_quorum(members_total=11, members_present=8).ok
    assert is_approved(members_total=11, votes_for=6)


@pytest.mark.parametrize(("total", "votes"), [(9, 10), (9, -1), (0, 0)])
def test_votes_invalid_counts(total, votes):
    result = check_votes(members_total=total, votes_for=votes)
    assert result.code == "invalid_counts"
    assert not is_approved(members_total=total, votes_for=votes)
