"""The compliance list summed in SQL (selectors.compliance_rows, hours_distribution) agrees with
the pure rule (rules.hours_summary, read by a cadre's own hours) at the rule's boundaries, keeps
to the caller's scope and takes a constant number of queries."""

import dataclasses
import datetime
from decimal import Decimal

import pytest

from tests.factories import AppointmentFactory, CadreFactory, PostFactory, UserFactory, level
from tests.training.factories import ParticipantFactory, StudySessionFactory, TrainingProgrammeFactory
from training import rules, selectors
from training.choices import Attendance, ProgrammeKind, SessionKind
from training.models import HoursTotal, ProgrammeParticipant, SourceCredit, StudySession, TrainingSettings
from training.services import (
    AttendeeInput,
    hours_totals_refresh,
    participant_confirm,
    participant_save,
    study_attendance_replace,
    study_session_save,
    training_programme_save,
)

D = datetime.date
LONG_AGO = D(2015, 1, 1)
MARCH = D(2026, 3, 1)
ON = D(2026, 3, 10)  # the rolling window: 2021-03-11 to 2026-03-10
pytestmark = pytest.mark.django_db


def _cadre(tree, name, tier_level, start=LONG_AGO, unit=None):
    # a birth date of its own: the factory's ID numbers then cannot collide within the test
    birth = D(1970, 1, 1) + datetime.timedelta(days=37 * (ord(name) % 300))
    cadre = CadreFactory(unit=unit or tree.a, name=name, birth_date=birth)
    if tier_level:
        post = PostFactory(unit=unit or tree.a, level=level(tier_level))
        AppointmentFactory(cadre=cadre, post=post, start_date=start)
    return cadre


def _programme(cadre, *, hours, end=MARCH, days=1, **kwargs):
    keys = ("completed", "absent_hours", "hours_credited", "acting_user")
    participant = {k: kwargs.pop(k) for k in keys if k in kwargs}
    if "hours_credited" in participant:
        participant["hours"] = participant.pop("hours_credited")
    programme = TrainingProgrammeFactory(
        hours=Decimal(hours), start_date=end - datetime.timedelta(days=days - 1), end_date=end, **kwargs
    )
    return ParticipantFactory(programme=programme, cadre=cadre, **participant)


def _lecture(cadre, *, hours, day=MARCH, kind=SessionKind.LECTURE, attendance=Attendance.PRESENT):
    StudySessionFactory(
        unit=cadre.unit,
        kind=kind,
        date=day,
        hours=Decimal(hours),
        attendees=[AttendeeInput(cadre, attendance)],
    )


@pytest.fixture
def ledger(tree):
    """Cadres on each side of each boundary of the rule."""
    c = {}
    c["section_90"] = _cadre(tree, "甲", "section")
    _programme(c["section_90"], hours="90", party_school=False, recognised=False)
    c["section_89_5"] = _cadre(tree, "乙", "section")
    _programme(c["section_89_5"], hours="80")
    _lecture(c["section_89_5"], hours="9.5")
    c["section_days"] = _cadre(tree, "丙", "section")  # 12 full-time days, 40 hours
    _programme(c["section_days"], hours="40", days=12)
    c["section_last_year"] = _cadre(tree, "丁", None)  # no post: the yearly rule; last year's hours
    _programme(c["section_last_year"], hours="90", end=D(2025, 12, 31))
    c["absent_and_monthly"] = _cadre(tree, "戊", "section")
    _lecture(c["absent_and_monthly"], hours="60", attendance=Attendance.ABSENT)
    _lecture(c["absent_and_monthly"], hours="60", kind=SessionKind.UNIT_MONTHLY)
    _lecture(c["absent_and_monthly"], hours="60", kind=SessionKind.COMMITTEE_FIRST_ITEM)
    c["dropped_out"] = _cadre(tree, "己", "section")
    _programme(c["dropped_out"], hours="70", absent_hours=Decimal("10.5"))  # over 1/7
    _programme(c["dropped_out"], hours="70", completed=False)
    c["one_seventh"] = _cadre(tree, "庚", "section")
    _programme(c["one_seventh"], hours="70", absent_hours=Decimal(10))  # exactly 1/7: completed
    _programme(c["one_seventh"], hours="30", hours_credited=Decimal(20))
    c["online"] = _cadre(tree, "辛", "section")
    _programme(c["online"], hours="50", kind=ProgrammeKind.ONLINE, days=30)
    c["middle_window_first_day"] = _cadre(tree, "壬", "middle_principal")
    _programme(c["middle_window_first_day"], hours="550", end=D(2021, 3, 11))
    c["middle_day_before"] = _cadre(tree, "癸", "middle_principal")
    _programme(c["middle_day_before"], hours="550", end=D(2021, 3, 10))
    c["middle_last_day"] = _cadre(tree, "子", "middle_deputy")
    _programme(c["middle_last_day"], hours="300", end=ON)
    _lecture(c["middle_last_day"], hours="250", day=ON, kind=SessionKind.PARTY_SPIRIT)
    c["middle_after_on"] = _cadre(tree, "丑", "middle_principal")
    _programme(c["middle_after_on"], hours="550", end=D(2026, 3, 11))
    c["middle_not_recognised"] = _cadre(tree, "寅", "middle_principal")
    _programme(c["middle_not_recognised"], hours="550", party_school=False, recognised=False)
    c["middle_lectures"] = _cadre(tree, "卯", "middle_principal")  # lectures: yearly only
    _lecture(c["middle_lectures"], hours="600")
    c["middle_90_days"] = _cadre(tree, "辰", "middle_principal")
    _programme(c["middle_90_days"], hours="100", days=90, end=D(2025, 6, 30))
    c["middle_in_grace"] = _cadre(tree, "巳", "middle_deputy", start=D(2025, 3, 11))
    c["middle_grace_over"] = _cadre(tree, "午", "middle_deputy", start=D(2025, 3, 10))
    c["unconfirmed"] = _cadre(tree, "未", "section")
    return c


def _without_sources(summary):
    return dataclasses.replace(summary, sources={})


def _listed(user, on=ON, **kwargs):
    rows, total = selectors.compliance_rows(user=user, on=on, behind_only=False, **kwargs)
    assert total == len(rows)
    return {row.cadre_id: row for row in rows}


# The list reads the yearly totals for whole years and the ledger's rows for the part of a year
# around them (the shorter part: added, or subtracted from the year's total): dates that take
# each way, at the start, the end and the middle of a year.
DATES = [
    ON,  # this year from the ledger; the window's first year: its total less 01-01..03-10
    D(2026, 12, 20),  # this year's total less 12-21..12-31; the window's first year from the ledger
    D(2026, 7, 2),
    D(2026, 1, 1),
    D(2025, 12, 31),  # whole years only
]


def _late_in_the_year(tree, ledger):
    """Rows after the later dates, and on them: the corrections' first and last days."""
    ledger["december"] = _cadre(tree, "酉", "section")
    _programme(ledger["december"], hours="60", end=D(2026, 12, 20))
    _lecture(ledger["december"], hours="30", day=D(2026, 12, 21))
    ledger["window_december"] = _cadre(tree, "戌", "middle_principal")
    _programme(ledger["window_december"], hours="500", end=D(2021, 12, 21))
    _programme(ledger["window_december"], hours="50", end=D(2021, 12, 20))
    _lecture(ledger["window_december"], hours="40", day=D(2021, 12, 21), kind=SessionKind.PARTY_SPIRIT)


@pytest.mark.parametrize("on", DATES)
def test_the_sql_list_agrees_with_the_rule_at_every_boundary(tree, users, ledger, on):
    _late_in_the_year(tree, ledger)
    listed = _listed(users.hr, on=on)
    behind = selectors.behind_list(user=users.hr, on=on)
    for name, cadre in ledger.items():
        own = selectors.cadre_hours(cadre=cadre, on=on)
        row = listed[cadre.pk]
        assert row.summary == _without_sources(own), (name, on)
        assert bool(rules.behind_pace(summary=row.summary, on=on)) == (row in behind), (name, on)


def test_the_list_reads_the_yearly_totals(users, ledger):
    cadre = ledger["middle_90_days"]  # 2025: a whole year of the window
    assert _listed(users.hr)[cadre.pk].summary.five_year_compliant
    HoursTotal.objects.filter(cadre=cadre, year=2025).update(five_days=0)
    assert not _listed(users.hr)[cadre.pk].summary.five_year_compliant
    hours_totals_refresh(cadre_ids=[cadre.pk], years=[2025])
    assert _listed(users.hr)[cadre.pk].summary.five_year_compliant


def _totals():
    return set(
        HoursTotal.objects.values_list(
            "cadre_id", "year", "year_hours", "year_days", "five_hours", "five_days", "online_hours"
        )
    )


def _recomputed():
    kept = _totals()
    hours_totals_refresh()
    fresh = _totals()
    return kept, fresh


def test_the_services_keep_the_totals_true(tree, users, ledger):
    from core.actors import system_actor

    actor = system_actor()
    kept, fresh = _recomputed()
    assert kept == fresh and len(kept) > 10
    session = StudySession.objects.filter(attendances__cadre=ledger["middle_lectures"]).get()
    session.date, session.hours = D(2025, 5, 5), Decimal(7)  # another year, other hours
    study_session_save(session=session, acting_user=actor)
    study_attendance_replace(
        session=StudySessionFactory(unit=tree.a, kind=SessionKind.LECTURE, hours=Decimal(3)),
        attendees=[AttendeeInput(ledger["section_90"]), AttendeeInput(ledger["online"], Attendance.ABSENT)],
        acting_user=actor,
    )
    kept, fresh = _recomputed()
    assert kept == fresh
    programme = ProgrammeParticipant.objects.get(cadre=ledger["section_89_5"]).programme
    programme.start_date, programme.end_date, programme.hours = D(2024, 3, 1), D(2024, 3, 1), Decimal(85)
    training_programme_save(programme=programme, acting_user=actor)
    participant = ProgrammeParticipant.objects.get(cadre=ledger["one_seventh"], programme__hours=70)
    participant.absent_hours = Decimal(11)  # over 1/7 now
    participant_save(participant=participant, acting_user=actor)
    reported = _programme(
        ledger["unconfirmed"], hours="95", acting_user=users.clerk, kind=ProgrammeKind.ONLINE
    )
    kept, fresh = _recomputed()
    assert kept == fresh
    participant_confirm(participant=reported, acting_user=actor)
    ProgrammeParticipant.objects.get(cadre=ledger["section_90"]).delete()
    StudySession.objects.filter(attendances__cadre=ledger["section_89_5"]).delete()
    kept, fresh = _recomputed()
    assert kept == fresh
    assert (ledger["unconfirmed"].pk, 2026) in {row[:2] for row in kept}
    rows = {row[:2]: row[2:] for row in kept}
    assert rows[ledger["section_90"].pk, 2026] == (30, 0, 0, 0, 0)  # its programme gone, the 3 h lecture kept
    for cadre in ledger.values():
        assert _listed(users.hr)[cadre.pk].summary == _without_sources(
            selectors.cadre_hours(cadre=cadre, on=ON)
        )


def test_a_change_of_the_credit_flags_recomputes_every_total(users, ledger):
    cadre = ledger["absent_and_monthly"]
    assert not HoursTotal.objects.filter(cadre=cadre).exists()  # monthly study counts toward nothing
    SourceCredit.objects.update_or_create(
        source=SessionKind.UNIT_MONTHLY,
        defaults={"counts_toward_year": True, "counts_toward_five_year": True},
    )
    assert HoursTotal.objects.filter(cadre=cadre, year=2026).values_list(
        "year_hours", "five_hours"
    ).get() == (
        600,
        600,
    )


def test_the_boundaries_themselves(users, ledger):
    s = {name: _listed(users.hr)[cadre.pk].summary for name, cadre in ledger.items()}
    assert (s["section_90"].year_hours, s["section_90"].year_compliant) == (Decimal(90), True)
    assert (s["section_89_5"].year_hours, s["section_89_5"].year_compliant) == (Decimal("89.5"), False)
    assert s["section_days"].year_compliant and s["section_days"].year_hours == Decimal(40)
    assert s["section_last_year"].year_hours == Decimal(0) and s["section_last_year"].five_year_hours is None
    assert s["absent_and_monthly"].year_hours == Decimal(0)
    assert s["dropped_out"].year_hours == Decimal(0)
    assert s["one_seventh"].year_hours == Decimal(90)
    assert (s["online"].online_hours, s["online"].year_hours) == (Decimal(50), Decimal(0))
    assert (
        s["middle_window_first_day"].five_year_compliant and s["middle_window_first_day"].year_hours is None
    )
    assert s["middle_day_before"].five_year_hours == Decimal(0)
    assert (s["middle_last_day"].five_year_hours, s["middle_last_day"].five_year_compliant) == (
        Decimal(550),
        True,
    )
    assert s["middle_after_on"].five_year_hours == Decimal(0)
    assert s["middle_not_recognised"].five_year_hours == Decimal(0)
    assert s["middle_lectures"].five_year_hours == Decimal(0)
    assert s["middle_90_days"].five_year_compliant
    assert s["middle_in_grace"].grace_until == D(2026, 3, 11)
    assert s["middle_grace_over"].grace_until is None


def test_behind_is_judged_in_sql_with_pace_and_grace(users, ledger):
    behind = {row.cadre_id for row in selectors.behind_list(user=users.hr, on=ON)}
    assert ledger["middle_grace_over"].pk in behind and ledger["middle_in_grace"].pk not in behind
    assert ledger["section_89_5"].pk not in behind  # ahead of March's pace (17.5 h)
    assert ledger["unconfirmed"].pk in behind
    assert ledger["section_90"].pk not in behind


def test_the_figures_and_credit_flags_come_from_the_settings_rows(users, ledger):
    TrainingSettings.objects.update_or_create(pk=1, defaults={"year_hours": Decimal("89.5")})
    SourceCredit.objects.update_or_create(
        source=SessionKind.UNIT_MONTHLY,
        defaults={"counts_toward_year": True, "counts_toward_five_year": False},
    )
    listed = _listed(users.hr)
    assert listed[ledger["section_89_5"].pk].summary.year_compliant
    assert listed[ledger["absent_and_monthly"].pk].summary.year_hours == Decimal(60)
    for cadre in ledger.values():
        assert listed[cadre.pk].summary == _without_sources(selectors.cadre_hours(cadre=cadre, on=ON))


def test_the_planning_window(users, ledger):
    TrainingSettings.objects.update_or_create(pk=1, defaults={"window_mode": "planning"})
    listed = _listed(users.hr)
    assert listed[ledger["middle_90_days"].pk].summary.five_year_start == D(2023, 1, 1)
    for cadre in ledger.values():
        assert listed[cadre.pk].summary == _without_sources(selectors.cadre_hours(cadre=cadre, on=ON))


def test_the_list_keeps_to_the_callers_scope_and_unit(tree, users, ledger):
    outside = _cadre(tree, "申", "section", unit=tree.b)
    assert outside.pk not in _listed(users.clerk)
    assert set(_listed(users.clerk)) == {c.pk for c in ledger.values()}
    assert outside.pk in _listed(users.hr)
    assert set(_listed(users.hr, unit=tree.b)) == {outside.pk}
    unscoped = UserFactory(username="unscoped", scope_unit=None)
    assert selectors.compliance_rows(user=unscoped, on=ON) == ([], 0)
    assert selectors.hours_distribution(user=unscoped, on=ON)["cadres"] == 0


def test_a_page_of_the_list_counts_them_all(users, ledger):
    everyone = selectors.behind_list(user=users.hr, on=ON)
    page, total = selectors.compliance_rows(user=users.hr, on=ON, limit=2)
    assert page == everyone[:2] and total == len(everyone) > 2


def test_the_distribution_agrees_with_the_rule(users, ledger):
    summaries = [row.summary for row in _listed(users.hr).values()]
    found = selectors.hours_distribution(user=users.hr, on=ON)
    assert found["year"] == rules.hours_buckets(
        values=[s.year_hours for s in summaries if s.year_hours is not None], line=Decimal(90)
    )
    assert found["five_year"] == rules.hours_buckets(
        values=[s.five_year_hours for s in summaries if s.five_year_hours is not None], line=Decimal(550)
    )
    assert found["behind"] == sum(rules.behind_pace(summary=s, on=ON) for s in summaries)
    assert found["cadres"] == len(summaries)


@pytest.mark.parametrize(
    ("on", "months", "cutoff"),
    [
        (D(2026, 3, 10), 12, D(2025, 3, 11)),
        (D(2026, 2, 28), 12, D(2025, 3, 1)),  # 2025-02-28 + 12 months is 2026-02-28: over
        (D(2026, 2, 27), 1, D(2026, 1, 28)),
        (D(2026, 2, 28), 1, D(2026, 2, 1)),  # 01-28..01-31 all end on 02-28: over
    ],
)
def test_the_grace_cutoff_is_the_first_promotion_date_still_in_grace(on, months, cutoff):
    from cadres.rules.tenure import add_months

    assert rules.grace_cutoff(on=on, months=months) == cutoff
    assert add_months(start=cutoff, months=months) > on
    assert add_months(start=cutoff - datetime.timedelta(days=1), months=months) <= on


# --- the API and the page -------------------------------------------------------------------


def _more(tree, n, start):
    for i in range(start, start + n):
        cadre = _cadre(
            tree,
            chr(0x4E00 + i),
            "section" if i % 2 else "middle_principal",
            unit=tree.a if i % 3 else tree.b,
        )
        _programme(cadre, hours="10")
        _lecture(cadre, hours="2")


def test_the_api_lists_who_is_behind_in_scope_with_constant_queries(
    api, tree, users, django_assert_max_num_queries
):
    _more(tree, 3, 0)
    hr = api(users.hr)
    # The first request of a user fills the permission cache (core.authcache); count a later one.
    hr.get("/api/v1/training-compliance/?on=2026-03-10&all=true")
    with django_assert_max_num_queries(7):
        small = hr.get("/api/v1/training-compliance/?on=2026-03-10&all=true").json()
    _more(tree, 12, 3)
    with django_assert_max_num_queries(7):
        body = hr.get("/api/v1/training-compliance/?on=2026-03-10&all=true&page_size=5").json()
    assert small["count"] == 3 and body["count"] == 15 and len(body["results"]) == 5
    second = hr.get("/api/v1/training-compliance/?on=2026-03-10&all=true&page_size=5&page=2").json()
    assert not {r["cadre"] for r in second["results"]} & {r["cadre"] for r in body["results"]}
    last = hr.get("/api/v1/training-compliance/?on=2026-03-10&all=true&page_size=4&page=4").json()
    assert (last["count"], len(last["results"]), last["next"]) == (15, 3, None)
    assert hr.get("/api/v1/training-compliance/?all=true&page=99").status_code == 404
    behind = hr.get("/api/v1/training-compliance/?on=2026-03-10").json()
    assert behind["count"] and all(r["behind"] for r in behind["results"])
    clerk = api(users.clerk).get("/api/v1/training-compliance/?on=2026-03-10&all=true").json()
    assert clerk["count"] == 10  # A's cadres only
    assert api(users.clerk).get(f"/api/v1/training-compliance/?unit={tree.b.pk}").status_code == 400
    assert api(users.hr).get(f"/api/v1/training-compliance/?unit={tree.b.pk}&all=true").json()["count"] == 5
    assert api(users.hr).get("/api/v1/training-compliance/?on=2026-13-01").status_code == 400
    assert api(users.discipline).get("/api/v1/training-compliance/").status_code == 403


def test_the_list_page_and_dashboard_take_a_constant_number_of_queries(
    client, tree, users, django_assert_max_num_queries
):
    client.force_login(users.hr)
    _more(tree, 3, 0)
    with django_assert_max_num_queries(12):
        assert client.get("/training/behind/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/training/dashboard/").status_code == 200
    _more(tree, 12, 3)
    with django_assert_max_num_queries(12):
        page = client.get("/training/behind/")
    assert page.context["total"] == len(page.context["rows"]) > 0
    with django_assert_max_num_queries(14):
        assert client.get("/training/dashboard/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/training/behind/?format=xlsx")["Content-Type"].startswith(
            "application/vnd.openxml"
        )
