"""Self reports, the published 优秀 list, review requests and appeals, leadership teams."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from appraisal.models import AppraisalResult, LeadershipTeam, TeamScore
from appraisal.selectors.teams import team_results
from appraisal.services.appeals import appeal_answer, appeal_file, result_notify
from appraisal.services.ballots import ballot_submit, ballots_issue
from appraisal.services.cycles import cycle_close, cycle_open
from appraisal.services.publications import objection_answer, objection_record, publication_publish
from appraisal.services.reports import self_report_save
from appraisal.services.results import cycle_confirm
from appraisal.services.teams import team_add
from core.actors import public_actor
from tests.appraisal.factories import cycle, serving, vote

DAY = datetime.timedelta(days=1)


def codes(caught):
    return [e.code for errors in caught.value.error_dict.values() for e in errors]


def graded(users, tree, scores):
    people = [serving(tree.a, f"干部{i}") for i in range(len(scores))]
    made = cycle(units=[tree.a], acting_user=users.hr)
    cycle_open(cycle=made, acting_user=users.hr)
    for group in made.rater_groups.all():
        vote(made, group, dict(zip(people, scores, strict=True)), acting_user=users.hr)
    cycle_close(cycle=made, acting_user=users.hr)
    return made, people


def test_a_self_report_is_written_or_uploaded_until_the_close(users, tree):
    person = serving(tree.a)
    made = cycle(units=[tree.a], acting_user=users.hr)
    participant = made.participants.get()
    with pytest.raises(ValidationError) as caught:
        self_report_save(participant=participant, text=" ", file=None, acting_user=users.hr)
    assert codes(caught) == ["required"]
    bad = SimpleUploadedFile("report.exe", b"MZ")
    with pytest.raises(ValidationError) as caught:
        self_report_save(participant=participant, text="", file=bad, acting_user=users.hr)
    assert codes(caught) == ["bad_file"]
    report = self_report_save(participant=participant, text="一年来……", file=None, acting_user=users.hr)
    report = self_report_save(
        participant=participant,
        text="一年来……",
        file=SimpleUploadedFile("述职.pdf", b"%PDF-1.4"),
        acting_user=users.hr,
    )
    assert report.file.name.endswith(".pdf") and report.history.count() == 2
    cycle_open(cycle=made, acting_user=users.hr)
    cycle_close(cycle=made, acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        self_report_save(participant=participant, text="迟到", file=None, acting_user=users.hr)
    assert codes(caught) == ["cycle_not_editable"]
    assert person.pk == participant.cadre_id


def test_another_units_hr_cannot_write_a_report(users, tree, hr):
    serving(tree.a)
    made = cycle(units=[tree.a], acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        self_report_save(participant=made.participants.get(), text="x", file=None, acting_user=hr.b)
    assert codes(caught)


def test_the_published_list_holds_the_confirmation_until_the_notice_ends(users, tree):
    made, people = graded(users, tree, [99, 98, 97] + [80] * 7)  # ten people: a quota of 2
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        publication_publish(cycle=made, starts_on=today, ends_on=today + 3 * DAY, acting_user=users.hr)
    assert codes(caught) == ["notice_too_short"]
    with pytest.raises(ValidationError) as caught:
        publication_publish(
            cycle=made, starts_on=today, ends_on=today + 4 * DAY, excellent=people[:3], acting_user=users.hr
        )
    assert codes(caught) == ["excellent_quota_exceeded"]
    publication = publication_publish(
        cycle=made, starts_on=today, ends_on=today + 4 * DAY, acting_user=users.hr
    )
    assert {p.cadre_id for p in publication.participants.all()} == {people[0].pk, people[1].pk}
    with pytest.raises(ValidationError) as caught:
        cycle_confirm(cycle=made, grades=[], acting_user=users.hr)
    assert codes(caught) == ["notice_running"]
    with pytest.raises(ValidationError) as caught:
        objection_record(
            publication=publication, cadre=people[2], content="x", received_on=today, acting_user=users.hr
        )
    assert codes(caught) == ["not_published"]
    objection = objection_record(
        publication=publication, cadre=people[0], content="反映其……", received_on=today, acting_user=users.hr
    )
    # The notice ended: the objection still waits for its answer.
    publication.starts_on, publication.ends_on = today - 6 * DAY, today - DAY
    publication.save()
    with pytest.raises(ValidationError) as caught:
        cycle_confirm(cycle=made, grades=[], acting_user=users.hr)
    assert codes(caught) == ["objections_pending"]
    objection_answer(objection=objection, outcome="upheld", answer="经核实属实", acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        cycle_confirm(cycle=made, grades=[], acting_user=users.hr)
    assert codes(caught) == ["objection_upheld"]
    down = [{"cadre": people[0].pk, "grade": "competent", "reason": "公示期间反映问题属实"}]
    swap = [*down, {"cadre": people[2].pk, "grade": "excellent", "reason": "递补"}]
    with pytest.raises(ValidationError) as caught:  # not on the published list
        cycle_confirm(cycle=made, grades=swap, acting_user=users.hr)
    assert codes(caught) == ["not_published"]
    cycle_confirm(cycle=made, grades=down, acting_user=users.hr)
    assert AppraisalResult.objects.get(cadre=people[0]).grade == "competent"
    assert AppraisalResult.objects.get(cadre=people[1]).grade == "excellent"


def confirmed(users, tree, scores):
    made, people = graded(users, tree, scores)
    cycle_confirm(cycle=made, grades=[], acting_user=users.hr)
    return made, people


def test_a_review_then_an_appeal_change_the_grade_through_the_quota(users, tree):
    made, people = confirmed(users, tree, [99, 98, 97, 96] + [80] * 6)  # ten: 2 优秀
    third = made.participants.get(cadre=people[2])
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        appeal_file(participant=third, kind="review", filed_on=today, grounds="不服", acting_user=users.hr)
    assert codes(caught) == ["not_told"]
    result_notify(participant=third, told_on=today - 40 * DAY, acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        appeal_file(participant=third, kind="review", filed_on=today, grounds="不服", acting_user=users.hr)
    assert codes(caught) == ["filing_deadline_passed"]
    result_notify(participant=third, told_on=today - 2 * DAY, acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        appeal_file(participant=third, kind="appeal", filed_on=today, grounds="不服", acting_user=users.hr)
    assert codes(caught) == ["review_first"]
    review = appeal_file(
        participant=third, kind="review", filed_on=today - DAY, grounds="不服", acting_user=users.hr
    )
    assert review.answer_due == today + 29 * DAY and review.grade_before == "competent"
    with pytest.raises(ValidationError) as caught:  # the quota of 2 is full
        appeal_answer(
            appeal=review,
            outcome="changed",
            new_grade="excellent",
            answer="重新核分",
            answered_on=today,
            acting_user=users.hr,
        )
    assert codes(caught) == ["excellent_quota_exceeded"]
    appeal_answer(appeal=review, outcome="kept", answer="维持原等次", answered_on=today, acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        appeal_answer(appeal=review, outcome="kept", answer="再答", answered_on=today, acting_user=users.hr)
    assert codes(caught) == ["already_answered"]
    appeal = appeal_file(
        participant=third, kind="appeal", filed_on=today, grounds="申诉", acting_user=users.hr
    )
    appeal_answer(
        appeal=appeal,
        outcome="changed",
        new_grade="basically_competent",
        answer="申诉处理：调整",
        answered_on=today,
        acting_user=users.hr,
    )
    third.refresh_from_db()
    assert third.grade == "basically_competent"
    result = AppraisalResult.objects.get(cadre=people[2])
    assert result.grade == "basically_competent" and result.history.count() == 2


def test_a_leadership_team_is_scored_and_graded_beside_its_members(users, tree):
    people = [serving(tree.a, "甲"), serving(tree.a1, "乙"), serving(tree.b, "丙")]
    made = cycle(units=[tree.a, tree.b], acting_user=users.hr, unit=tree.root)
    team = team_add(cycle=made, unit=tree.a, report="班子述职", acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        team_add(cycle=made, unit=tree.root, acting_user=users.hr)
    assert codes(caught) == ["unit_outside_cycle"]
    cycle_open(cycle=made, acting_user=users.hr)
    groups = list(made.rater_groups.all())
    for group, score in zip(groups, (95, 85, 80), strict=True):
        code = ballots_issue(cycle=made, group=group, count=1, acting_user=users.hr)[0]
        ballot_submit(
            code=code,
            scores=[{"cadre": people[0].pk, "score": 80}, {"team": team.pk, "score": score}],
            acting_user=public_actor(),
        )
    code = ballots_issue(cycle=made, group=groups[0], count=1, acting_user=users.hr)[0]
    with pytest.raises(ValidationError) as caught:
        ballot_submit(
            code=code, scores=[{"team": team.pk, "score": 80, "indicator": 1}], acting_user=public_actor()
        )
    assert codes(caught) == ["team_overall_only"]
    assert TeamScore.objects.count() == 3 and not hasattr(TeamScore, "history")
    row = team_results(cycle=made)[0]
    assert str(row.composite) == "86.00" and row.proposed_grade == "fairly_good"  # .3×95 + .3×85 + .4×80
    assert {p.cadre_id for p in row.members} == {people[0].pk, people[1].pk}
    cycle_close(cycle=made, acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        cycle_confirm(cycle=made, grades=[], teams=[{"team": team.pk, "grade": "good"}], acting_user=users.hr)
    assert codes(caught) == ["reason_required"]
    cycle_confirm(
        cycle=made,
        grades=[],
        teams=[{"team": team.pk, "grade": "good", "reason": "党委研究"}],
        acting_user=users.hr,
    )
    team = LeadershipTeam.objects.get()
    assert (team.grade, team.grade_reason, str(team.composite)) == ("good", "党委研究", "86.00")
