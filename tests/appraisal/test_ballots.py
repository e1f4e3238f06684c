"""Anonymous ballots: one-time codes, counted by group, never tied to a rater."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from appraisal.models import Ballot, BallotCode, BallotScore
from appraisal.rules.ballot_codes import code_digest
from appraisal.selectors.cycles import ballot_progress
from appraisal.selectors.results import cycle_results
from appraisal.services.ballots import ballot_submit, ballots_issue
from appraisal.services.cycles import cycle_close, cycle_open
from core.actors import public_actor
from tests.appraisal.factories import cycle, serving, vote


def codes(caught):
    return [e.code for errors in caught.value.error_dict.values() for e in errors]


@pytest.fixture
def open_cycle(users, tree):
    people = [serving(tree.a, name) for name in ("甲", "乙")]
    made = cycle(units=[tree.a], acting_user=users.hr)
    cycle_open(cycle=made, acting_user=users.hr)
    return made, people


def test_a_code_is_stored_only_as_a_keyed_hash_and_counts_once(users, open_cycle):
    made, (a, _b) = open_cycle
    group = made.rater_groups.first()
    code = ballots_issue(cycle=made, group=group, count=1, acting_user=users.hr)[0]
    row = BallotCode.objects.get()
    assert code not in row.digest and row.digest == code_digest(code.lower().replace("-", " "))
    ballot_submit(code=code, scores=[{"cadre": a.pk, "score": 90}], acting_user=public_actor())
    with pytest.raises(ValidationError) as caught:
        ballot_submit(code=code, scores=[{"cadre": a.pk, "score": 90}], acting_user=public_actor())
    assert codes(caught) == ["ballot_used"]
    with pytest.raises(ValidationError) as caught:
        ballot_submit(
            code="AAAA-BBBB-CCCC", scores=[{"cadre": a.pk, "score": 90}], acting_user=public_actor()
        )
    assert codes(caught) == ["ballot_invalid"]
    assert Ballot.objects.count() == 1


def test_nothing_on_a_ballot_points_to_its_code_or_a_person(users, open_cycle):
    made, (a, _b) = open_cycle
    vote(made, made.rater_groups.first(), {a: 80}, acting_user=users.hr)
    ballot_columns = {f.column for f in Ballot._meta.concrete_fields}
    assert ballot_columns == {"id", "cycle_id", "group_id", "submitted_on"}
    assert {f.column for f in BallotScore._meta.concrete_fields} == {
        "id",
        "ballot_id",
        "participant_id",
        "indicator_id",
        "score",
    }
    assert {f.column for f in BallotCode._meta.concrete_fields} == {
        "id",
        "cycle_id",
        "group_id",
        "digest",
        "used",
    }
    # No history tables: a history row would carry a time and a user.
    tables = connection.introspection.table_names()
    assert not [t for t in tables if "historical" in t and "ballot" in t]
    assert isinstance(Ballot.objects.get().pk, type(Ballot._meta.pk.default()))  # a random id, not a sequence


def test_a_refused_ballot_leaves_its_code_unused(users, open_cycle, tree):
    made, (a, _b) = open_cycle
    stranger = serving(tree.b, "外")
    code = ballots_issue(cycle=made, group=made.rater_groups.first(), count=1, acting_user=users.hr)[0]
    for scores, code_ in (
        ([{"cadre": stranger.pk, "score": 90}], "not_a_participant"),
        ([{"cadre": a.pk, "score": 100.01}], "out_of_range"),
        ([{"cadre": a.pk, "score": 90}, {"cadre": a.pk, "score": 80}], "duplicate_score"),
        ([{"cadre": a.pk, "indicator": made.indicators.first().pk, "score": 90}], "incomplete_scores"),
    ):
        with pytest.raises(ValidationError) as caught:
            ballot_submit(code=code, scores=scores, acting_user=public_actor())
        assert codes(caught) == [code_]
    assert not BallotCode.objects.get().used
    ballot_submit(code=code, scores=[{"cadre": a.pk, "score": 100}], acting_user=public_actor())


def test_after_close_a_code_is_refused(users, open_cycle):
    made, (a, _b) = open_cycle
    code = ballots_issue(cycle=made, group=made.rater_groups.first(), count=1, acting_user=users.hr)[0]
    cycle_close(cycle=made, acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        ballot_submit(code=code, scores=[{"cadre": a.pk, "score": 90}], acting_user=public_actor())
    assert codes(caught) == ["cycle_closed"]
    with pytest.raises(ValidationError) as caught:
        ballots_issue(cycle=made, group=made.rater_groups.first(), count=1, acting_user=users.hr)
    assert codes(caught) == ["cycle_closed"]


def test_progress_counts_issued_and_returned_per_group(users, open_cycle):
    made, (a, _b) = open_cycle
    leaders, cadres, staff = made.rater_groups.all()
    ballots_issue(cycle=made, group=staff, count=3, acting_user=users.hr)
    vote(made, leaders, {a: 80}, acting_user=users.hr)
    progress = {p.group.pk: (p.issued, p.returned) for p in ballot_progress(cycle=made)}
    assert progress == {leaders.pk: (1, 1), cadres.pk: (0, 0), staff.pk: (3, 0)}


def test_group_means_are_weighted_by_indicator_and_composed_by_group(users, open_cycle):
    made, (a, b) = open_cycle
    leaders, cadres, staff = made.rater_groups.all()
    de, neng, ji = made.indicators.all()  # weights 40, 30, 30
    code = ballots_issue(cycle=made, group=leaders, count=1, acting_user=users.hr)[0]
    scores = [{"cadre": a.pk, "indicator": i.pk, "score": s} for i, s in ((de, 100), (neng, 80), (ji, 70))]
    ballot_submit(code=code, scores=scores, acting_user=public_actor())  # 40 + 24 + 21 = 85
    vote(made, leaders, {a: 95, b: 70}, acting_user=users.hr)  # leaders' mean for a: 90
    vote(made, cadres, {a: 80, b: 70}, acting_user=users.hr)
    vote(made, staff, {a: 70}, acting_user=users.hr)  # b: no staff ballot → reweighted
    rows = {r.participant.cadre_id: r for r in cycle_results(cycle=made).rows}
    assert rows[a.pk].group_means == {
        leaders.pk: Decimal("90.00"),
        cadres.pk: Decimal("80.00"),
        staff.pk: Decimal("70.00"),
    }
    assert rows[a.pk].composite == Decimal("79.00") and not rows[a.pk].reweighted
    assert rows[b.pk].composite == Decimal("70.00") and rows[b.pk].reweighted
    assert (rows[a.pk].rank, rows[b.pk].rank) == (1, 2)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_of_one_code_count_once(users, tree):
    a = serving(tree.a, "甲")
    made = cycle(units=[tree.a], acting_user=users.hr)
    cycle_open(cycle=made, acting_user=users.hr)
    code = ballots_issue(cycle=made, group=made.rater_groups.first(), count=1, acting_user=users.hr)[0]
    actor, barrier, outcomes = public_actor(), threading.Barrier(4), []

    def submit():
        barrier.wait()
        try:
            ballot_submit(code=code, scores=[{"cadre": a.pk, "score": 90}], acting_user=actor)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(codes(type("C", (), {"value": exc})))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(str, outcomes)) == ["['ballot_used']"] * 3 + ["ok"]
    assert Ballot.objects.count() == 1
