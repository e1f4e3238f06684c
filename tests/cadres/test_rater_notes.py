"""cadres.registry.RaterNote: another system's line for appraisal's raters, hidden where it reveals
a fact the reader may not see, and read without a user only when it reveals nothing."""

import pytest

from cadres.registry import RATER_NOTES, RaterNote, rater_notes, register_rater_note
from core.visibility import SANCTIONS


@pytest.fixture
def secret_note():
    note = RaterNote(
        "test_secret",
        "lian",
        "secret",
        lambda *, cadre_ids, year: dict.fromkeys(cadre_ids, f"x{year}"),
        SANCTIONS,
    )
    register_rater_note(note)
    yield note
    RATER_NOTES.pop("test_secret")


def test_a_note_that_reveals_is_for_those_who_may_see(secret_note, users):
    assert ("lian", "x2026") in rater_notes(cadre_ids=[7], year=2026, user=users.hr)[7]
    assert ("lian", "x2026") not in rater_notes(cadre_ids=[7], year=2026, user=users.clerk).get(7, [])
    assert ("lian", "x2026") not in rater_notes(cadre_ids=[7], year=2026).get(7, [])


def test_one_code_one_note(secret_note):
    register_rater_note(secret_note)  # the same again is fine (ready() may run twice)
    with pytest.raises(ValueError):
        register_rater_note(RaterNote("test_secret", "de", "other", lambda **kw: {}))
