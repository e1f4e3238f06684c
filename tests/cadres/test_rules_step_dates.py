"""The order of the selection steps' dates, at every boundary (no database)."""

import datetime

import pytest

from cadres.rules.step_dates import STEP_DATES, latest, step_date_check

D = datetime.date
TODAY = D(2026, 12, 3)
DAY = datetime.timedelta(days=1)
ORDERED = ["candidates", "checks", "decision", "notice", "resolve"]  # on or after the step before


@pytest.mark.parametrize("step", [step for step, rule in STEP_DATES.items() if not rule.future_allowed])
class TestNotAfterToday:
    def test_today_allowed(self, step):
        assert step_date_check(step=step, on=TODAY, today=TODAY)

    def test_tomorrow_refused(self, step):
        result = step_date_check(step=step, on=TODAY + DAY, today=TODAY)
        assert not result
        assert result.code == "date_in_future"
        assert "2026-12-04" in str(result.message) and "2026-12-03" in str(result.message)


@pytest.mark.parametrize("step", ORDERED)
class TestOnOrAfterThePreviousStep:
    def test_same_day_allowed(self, step):
        assert step_date_check(step=step, on=D(2026, 11, 10), today=TODAY, previous=D(2026, 11, 10))

    def test_a_day_later_allowed(self, step):
        assert step_date_check(step=step, on=D(2026, 11, 11), today=TODAY, previous=D(2026, 11, 10))

    def test_a_day_before_refused_naming_both_dates(self, step):
        result = step_date_check(step=step, on=D(2026, 11, 9), today=TODAY, previous=D(2026, 11, 10))
        assert not result
        assert result.code == "step_date_out_of_order"
        message = str(result.message)
        assert "2026-11-09" in message and "2026-11-10" in message
        assert str(STEP_DATES[step].previous) in message
        assert (result.params["date"], result.params["previous"]) == (D(2026, 11, 9), D(2026, 11, 10))

    def test_nothing_recorded_before(self, step):
        assert step_date_check(step=step, on=D(2000, 1, 1), today=TODAY, previous=None)


class TestRecommendation:
    def test_first_step_has_no_previous(self):
        assert STEP_DATES["recommendation"].previous == ""
        assert step_date_check(step="recommendation", on=D(2020, 1, 1), today=TODAY)


class TestObjectionWithinTheNotice:
    START, END = D(2026, 11, 16), D(2026, 11, 20)

    @pytest.mark.parametrize(
        ("received", "ok"),
        [
            (D(2026, 11, 15), False),  # the day before the notice
            (D(2026, 11, 16), True),  # its first day
            (D(2026, 11, 18), True),
            (D(2026, 11, 20), True),  # its last day
            (D(2026, 11, 21), False),  # the day after
        ],
    )
    def test_boundaries(self, received, ok):
        result = step_date_check(
            step="objections", on=received, today=TODAY, previous=self.START, until=self.END
        )
        assert bool(result) is ok
        if not ok:
            assert result.code == "step_date_out_of_order"
            assert received.isoformat() in str(result.message)

    def test_after_the_notice_names_its_end(self):
        result = step_date_check(
            step="objections", on=D(2026, 11, 21), today=TODAY, previous=self.START, until=self.END
        )
        assert "2026-11-20" in str(result.message)
        assert result.params["previous"] == self.END

    def test_future_checked_first(self):
        result = step_date_check(
            step="objections", on=TODAY + DAY, today=TODAY, previous=self.START, until=TODAY + 5 * DAY
        )
        assert result.code == "date_in_future"


class TestAppointmentAfterTheNotice:
    END = D(2026, 11, 20)

    def test_on_the_last_day_of_the_notice_refused(self):
        result = step_date_check(step="appoint", on=self.END, today=TODAY, previous=self.END)
        assert result.code == "step_date_out_of_order"
        assert "2026-11-20" in str(result.message)

    def test_the_day_after_allowed(self):
        assert step_date_check(step="appoint", on=self.END + DAY, today=TODAY, previous=self.END)

    def test_before_refused(self):
        result = step_date_check(step="appoint", on=self.END - DAY, today=TODAY, previous=self.END)
        assert result.code == "step_date_out_of_order"

    def test_may_take_effect_after_today(self):
        assert step_date_check(step="appoint", on=TODAY + 30 * DAY, today=TODAY, previous=self.END)


class TestLatest:
    def test_ignores_missing_dates(self):
        assert latest([None, D(2026, 1, 2), D(2026, 1, 1), None]) == D(2026, 1, 2)

    def test_none_when_nothing_recorded(self):
        assert latest([]) is None
        assert latest([None]) is None
