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
from training.models import SourceCredit, TrainingSettings
from training.services import AttendeeInput

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
    participant = {k: kwargs.pop(k) for k in ("completed", "absent_hours", "hours_credited") if k in kwargs}
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


def test_the_sql_list_agrees_with_the_rule_at_every_boundary(users, ledger):
    listed = _listed(users.hr)
    for name, cadre in ledger.items():
        own = selectors.cadre_hours(cadre=cadre, on=ON)
        row = listed[cadre.pk]
        assert row.summary == _without_sources(own), name
        assert bool(rules.behind_pace(summary=row.summary, on=ON)) == (
            row in selectors.behind_list(user=users.hr, on=ON)
        ), name


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
