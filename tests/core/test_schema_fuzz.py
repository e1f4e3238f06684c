"""Fuzz every read operation and the imports against the OpenAPI schema (schemathesis).

Each request is made as an HR user and as a unit clerk over a small world with data inside
and outside the clerk's scope. The checks: no 5xx, and the answer matches the schema (a
documented status code, its content type, its body). Examples are bounded and derandomized so
a run takes the same path every time.
"""

import datetime
import json
from types import SimpleNamespace

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from appraisal.models import AppraisalResult, CareTalk, Commendation, HealthCheckRound, Visit
from appraisal.services import appraisal_result_save
from appraisal.services.care import care_talk_save, health_check_list_make, visit_save
from appraisal.services.commendations import commendation_save
from cadres.models import ReserveCadre
from cadres.services import selection as selection_services
from cadres.services.reserve import reserve_save
from core.notifications import notify
from core.roles import CLERK, HR
from oversight.models import Sanction
from oversight.services import sanction_save
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, UserFactory, level
from tests.training.factories import ParticipantFactory, StudySessionFactory, TrainingProgrammeFactory
from training.models import RuleDocument, Secondment
from training.services import rule_document_save, secondment_save

D = datetime.date
IMPORTS = {"/api/v1/cadres/import/", "/api/v1/cadres/import-lrmx/"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def openapi_document() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


MAX_EXAMPLES = 15  # generated requests per operation and role in the fuzzing phase
DOCUMENT = openapi_document()


def fuzz_schema(*, coverage: bool):
    """The operations to fuzz, with bounded, derandomized generation. The coverage phase (each
    parameter's boundaries, just inside and just outside, and the wrong types) runs for HR only:
    the clerk differs in scope, not in what input is accepted, and the phase is the costly one."""
    config = schemathesis.Config.from_dict(
        {
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
            "phases": {"coverage": {"enabled": coverage, "unexpected-methods": []}},
            "suppress-health-check": ["all"],
        }
    )
    schema = schemathesis.openapi.from_dict(DOCUMENT, config=config)
    schema.app = WSGIHandler()
    return schema.include(lambda ctx: ctx.operation.method.upper() == "GET" or ctx.operation.path in IMPORTS)


@pytest.fixture
def world(tree, staffed):
    """Cadres, appointments, a sanction, a grade, a reserve, a selection, a notification, a study
    session, a programme's participant and a secondment in unit A (the clerk's scope) and in
    unit B (outside it), and a rule document."""
    hr = UserFactory(username="fuzz-hr", role=HR, scope_unit=tree.root)
    clerk = UserFactory(username="fuzz-clerk", role=CLERK, scope_unit=tree.a)
    people, programme = [], TrainingProgrammeFactory()
    for unit, post in ((tree.a, staffed.post_a), (tree.b, staffed.post_b)):
        holder = CadreFactory(unit=unit, name="王强", birth_date=D(1966, 5, 1))
        AppointmentFactory(cadre=holder, post=post, start_date=D(2016, 1, 1))
        deputy = CadreFactory(unit=unit, name="李娜", gender="female", birth_date=D(1982, 3, 3))
        deputy_post = PostFactory(unit=unit, title="副院长")
        AppointmentFactory(cadre=deputy, post=deputy_post, start_date=D(2021, 9, 1))
        sanction = Sanction(cadre=deputy, kind="party_warning", decision_date=D(2024, 3, 15))
        sanction_save(sanction=sanction, acting_user=hr)
        grade = AppraisalResult(cadre=deputy, year=2024, grade="excellent")
        appraisal_result_save(result=grade, acting_user=hr)
        target = level("middle_principal")
        reserve = ReserveCadre(cadre=deputy, target_level=target, nomination_date=D(2024, 6, 1))
        reserve_save(reserve=reserve, acting_user=hr)
        StudySessionFactory(unit=unit, date=D(2026, 3, 5), leader=deputy, attendees=[holder, deputy])
        ParticipantFactory(programme=programme, cadre=deputy)
        secondment = Secondment(
            cadre=holder,
            direction="outgoing",
            host_organisation="某县人民政府",
            host_post="副县长",
            planned_start=D(2025, 3, 1),
            planned_end=D(2027, 2, 28),
        )
        secondment_save(secondment=secondment, acting_user=hr)
        care_talk = CareTalk(
            talker=holder, talkee=deputy, talked_on=D(2026, 2, 1), kind="care", topics="家庭"
        )
        care_talk_save(talk=care_talk, acting_user=hr)
        visit_save(
            visit=Visit(cadre=deputy, occasion="festival", visited_on=D(2026, 2, 1), visited_by="党委"),
            acting_user=hr,
        )
        commendation = Commendation(
            scope="individual",
            cadre=holder,
            title="优秀教师",
            category="teaching",
            kind="honour",
            level="college",
            awarded_on=D(2025, 9, 10),
            issuing_body="学院",
        )
        commendation_save(commendation=commendation, acting_user=hr)
        people += [holder, deputy]
    document = RuleDocument(
        part="organisation",
        title="干部教育培训工作条例",
        issuing_body="中共中央",
        effective_date=D(2023, 9, 1),
    )
    rule_document_save(document=document, acting_user=hr)
    check_round = HealthCheckRound.objects.create(year=2026, arranged_on=D(2026, 4, 1))
    health_check_list_make(check_round=check_round, acting_user=hr)
    selection_services.selection_start(
        post=staffed.post_b, analysis="到龄", vacancy_date=timezone.localdate(), acting_user=hr
    )
    for user in (hr, clerk):
        notify(user=user, kind="retirement", key=f"fuzz:{user.pk}", message="即将退休", email=False)
    return SimpleNamespace(hr=hr, clerk=clerk, people=people)


@pytest.fixture(autouse=True)
def keep_test_connection():
    """A real WSGI handler closes the database connection around each request, as a server
    would; the test's transaction lives on that connection (Django's test client does the same)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def call_and_validate(case, user) -> None:
    token = Token.objects.get_or_create(user=user)[0].key
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


# `role` is a parameter, not a constant, so that pytest 9 gives each operation its own test id.


@fuzz_schema(coverage=True).parametrize()
@settings(deadline=None)
@pytest.mark.parametrize("role", ["hr"])
@pytest.mark.django_db
def test_as_hr(case, world, role):
    call_and_validate(case, getattr(world, role))


@fuzz_schema(coverage=False).parametrize()
@settings(deadline=None)
@pytest.mark.parametrize("role", ["clerk"])
@pytest.mark.django_db
def test_as_clerk(case, world, role):
    call_and_validate(case, getattr(world, role))
