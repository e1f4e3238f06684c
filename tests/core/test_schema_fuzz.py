"""Fuzz the API against the OpenAPI schema (schemathesis), one harness for the suite and `make fuzz`.

In the suite: every read operation and the imports, as an HR user (with the coverage phase) and as
a unit clerk, over a small world with data inside and outside the clerk's scope. `make fuzz`
(FUZZ_ROLES=all) adds every other role and anonymous, and (FUZZ_METHODS=all) every operation, writes
included. The checks: no 5xx, the answer matches the schema (a documented status code, its content
type, its body), and no object outside the role's data scope comes back (`out_of_scope`). Examples
are bounded and derandomized so a run takes the same path every time; `make fuzz` prints a summary
per role (operations, cases, 5xx, schema violations, out-of-scope answers).
"""

import datetime
import json
import os
import sys
from collections import defaultdict
from types import SimpleNamespace

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import resolve
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
from cadres.models import Cadre, OrgUnit, ReserveCadre
from cadres.services import selection as selection_services
from cadres.services.reserve import reserve_save
from core.api.permissions import RolePermission
from core.notifications import notify
from core.roles import ADMIN, AUDIT_ADMIN, CLERK, DISCIPLINE, HR, LEADER, SECURITY_ADMIN, SYSTEM_ADMIN
from core.scope import scoped
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
SUITE_ROLES = ("hr", "clerk")
EVERY_ROLE = (
    "admin",
    "hr",
    "clerk",
    "leader",
    "discipline",
    "system_admin",
    "security_admin",
    "audit_admin",
    "anonymous",
)
_asked = os.environ.get("FUZZ_ROLES", "")
MORE_ROLES = [r for r in (EVERY_ROLE if _asked == "all" else _asked.split(",")) if r and r not in SUITE_ROLES]
EVERY_METHOD = os.environ.get("FUZZ_METHODS", "") == "all"
MORE_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
# role -> figures for the summary `make fuzz` prints
SUMMARY: dict[str, dict] = defaultdict(
    lambda: {"operations": set(), "cases": 0, "5xx": 0, "schema": 0, "out_of_scope": 0}
)


def fuzz_schema(*, coverage: bool, examples: int = MAX_EXAMPLES, every_method: bool = False):
    """The operations to fuzz, with bounded, derandomized generation. The coverage phase (each
    parameter's boundaries, just inside and just outside, and the wrong types) runs for HR only:
    the clerk differs in scope, not in what input is accepted, and the phase is the costly one."""
    config = schemathesis.Config.from_dict(
        {
            "generation": {"max-examples": examples, "deterministic": True, "database": "none"},
            "phases": {"coverage": {"enabled": coverage, "unexpected-methods": []}},
            "suppress-health-check": ["all"],
        }
    )
    schema = schemathesis.openapi.from_dict(DOCUMENT, config=config)
    schema.app = WSGIHandler()
    if every_method:
        return schema
    return schema.include(lambda ctx: ctx.operation.method.upper() == "GET" or ctx.operation.path in IMPORTS)


@pytest.fixture
def world(tree, staffed):
    """Cadres, appointments, a sanction, a grade, a reserve, a selection, a notification, a study
    session, a programme's participant and a secondment in unit A (the clerk's scope) and in
    unit B (outside it), and a rule document."""
    hr = UserFactory(username="fuzz-hr", role=HR, scope_unit=tree.root)
    clerk = UserFactory(username="fuzz-clerk", role=CLERK, scope_unit=tree.a)
    others = {
        role.code: UserFactory(username=f"fuzz-{role.code}", role=role, scope_unit=tree.root, is_staff=True)
        for role in (ADMIN, LEADER, DISCIPLINE, SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN)
    }
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
    return SimpleNamespace(hr=hr, clerk=clerk, people=people, anonymous=None, **others)


@pytest.fixture(autouse=True)
def keep_test_connection():
    """A real WSGI handler closes the database connection around each request, as a server
    would; the test's transaction lives on that connection (Django's test client does the same)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def outside(user) -> dict[str, set[int]]:
    """The ids of units and cadres outside `user`'s data scope (none for anonymous: it reads nothing)."""
    if user is None:
        return {"unit": set(), "cadre": set()}
    return {
        "unit": set(
            OrgUnit.objects.exclude(pk__in=scoped(user, OrgUnit).values("pk")).values_list("pk", flat=True)
        ),
        "cadre": set(
            Cadre.objects.exclude(pk__in=scoped(user, Cadre).values("pk")).values_list("pk", flat=True)
        ),
    }


def _references(body, path: str):
    """(kind, id) of every unit and cadre an answer names: a `unit` or `cadre` key (an id or an
    object with one) anywhere, and the records of the cadre and unit endpoints themselves."""
    own = (
        "cadre"
        if path.startswith("/api/v1/cadres/")
        else "unit"
        if path.startswith("/api/v1/org-units/")
        else None
    )
    stack = [(body, True)]
    while stack:
        node, top = stack.pop()
        if isinstance(node, list):
            stack += [(item, top) for item in node]
        elif isinstance(node, dict):
            if top and own and isinstance(node.get("id"), int):
                yield own, node["id"]
            for key, value in node.items():
                if key in ("unit", "cadre", "unit_id", "cadre_id"):
                    ref = value.get("id") if isinstance(value, dict) else value
                    if isinstance(ref, int):
                        yield key.removesuffix("_id"), ref
                stack.append((value, top and key == "results"))


def out_of_scope(case, response, user) -> list[tuple[str, int]]:
    """The custom check: a successful answer names no unit or cadre outside the role's scope."""
    if response.status_code >= 300 or "json" not in response.headers.get("Content-Type", [""])[0]:
        return []
    try:
        body = response.json()
    except ValueError:
        return []
    hidden = outside(user)
    return [(kind, ref) for kind, ref in _references(body, case.operation.path) if ref in hidden[kind]]


def call_and_validate(case, user, role: str = "") -> None:
    headers = {}
    if user is not None:
        headers["Authorization"] = f"Token {Token.objects.get_or_create(user=user)[0].key}"
    response = case.call(headers=headers)
    figures = SUMMARY[role or "?"]
    figures["operations"].add(case.operation.label)
    figures["cases"] += 1
    try:
        case.validate_response(response, checks=CHECKS)
    except Exception:
        figures["5xx" if response.status_code >= 500 else "schema"] += 1
        raise
    leaked = out_of_scope(case, response, user)
    if leaked:
        figures["out_of_scope"] += 1
    assert not leaked, f"{case.operation.label} returned objects outside {role}'s scope: {leaked[:5]}"


def show(config, text: str) -> None:
    """Past pytest's output capture, so `make fuzz` shows it whether the tests pass or not."""
    capture = config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


@pytest.fixture(scope="module", autouse=True)
def fuzz_summary(request):
    """After the module: the figures per role (`make fuzz` only)."""
    yield
    if not SUMMARY or not MORE_ROLES:
        return
    lines = [
        "",
        "schemathesis summary per role",
        f"{'role':<16}{'ops':>6}{'cases':>8}{'5xx':>6}{'schema':>8}{'out of scope':>14}",
    ]
    for role in sorted(SUMMARY, key=lambda r: EVERY_ROLE.index(r) if r in EVERY_ROLE else 99):
        f = SUMMARY[role]
        lines.append(
            f"{role:<16}{len(f['operations']):>6}{f['cases']:>8}{f['5xx']:>6}{f['schema']:>8}{f['out_of_scope']:>14}"
        )
    show(request.config, "\n".join(lines))


# `role` is a parameter, not a constant, so that pytest 9 gives each operation its own test id.


@fuzz_schema(coverage=True).parametrize()
@settings(deadline=None)
@pytest.mark.parametrize("role", ["hr"])
@pytest.mark.django_db
def test_as_hr(case, world, role):
    call_and_validate(case, getattr(world, role), role)


@fuzz_schema(coverage=False).parametrize()
@settings(deadline=None)
@pytest.mark.parametrize("role", ["clerk"])
@pytest.mark.django_db
def test_as_clerk(case, world, role):
    call_and_validate(case, getattr(world, role), role)


@fuzz_schema(coverage=False, examples=MORE_EXAMPLES, every_method=EVERY_METHOD).parametrize()
@settings(deadline=None)
@pytest.mark.parametrize("role", MORE_ROLES)
@pytest.mark.django_db
def test_as_every_other_role(case, world, role):
    """`make fuzz` only (FUZZ_ROLES): the suite skips it, the figures come from the run above."""
    call_and_validate(case, getattr(world, role), role)


LIST_OPERATIONS = sorted(p for p, ops in DOCUMENT["paths"].items() if "get" in ops and "{" not in p)


def with_required_query(path: str) -> str:
    """The path with a sample value for each query parameter its GET requires (`?year=`)."""
    samples = {"year": str(timezone.localdate().year), "on": timezone.localdate().isoformat()}
    required = [
        p["name"]
        for p in DOCUMENT["paths"][path]["get"].get("parameters", [])
        if p.get("in") == "query" and p.get("required")
    ]
    query = "&".join(f"{name}={samples[name]}" for name in required if name in samples)
    return f"{path}?{query}" if query else path


def expected_status(path: str, user) -> int | None:
    """What the role table says a GET of `path` answers: 401 without a login; for a model's
    endpoint under the role permission, 200 with its view permission, else 403; None where the
    view decides by other means (its own permission class, or no model)."""
    view = getattr(resolve(path).func, "cls", None)
    model = getattr(getattr(view, "queryset", None), "model", None)
    classes = getattr(view, "permission_classes", ())
    if list(classes) != [RolePermission]:  # a public look-up, or a view with its own permission
        return None
    if user is None:
        return 401
    if model is None:
        return None
    return 200 if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}") else 403


@pytest.mark.django_db
def test_every_role_on_every_endpoint(world, api, request):
    """The role × endpoint matrix: each role's status on each list endpoint is what the role table
    says, and nothing answers 5xx. `make fuzz` prints the matrix."""
    matrix, wrong = {}, []
    for path in LIST_OPERATIONS:
        for role in EVERY_ROLE:
            user = getattr(world, role)
            status = api(user).get(with_required_query(path)).status_code
            matrix[path, role] = status
            want = expected_status(path, user)
            if status >= 500 or (want is not None and status != want):
                wrong.append((path, role, status, want))
    assert {(path, role) for path, role, *_ in wrong} == set(), wrong
    if MORE_ROLES:
        lines = [
            "",
            "role x endpoint (GET, status)",
            "endpoint".ljust(44) + "".join(r[:6].rjust(7) for r in EVERY_ROLE),
        ]
        lines += [
            p[:43].ljust(44) + "".join(str(matrix[p, r]).rjust(7) for r in EVERY_ROLE)
            for p in LIST_OPERATIONS
        ]
        show(request.config, "\n".join(lines))
