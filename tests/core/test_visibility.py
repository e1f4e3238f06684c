"""The visibility policy (core.visibility): its table, its agreement with the role permissions, README."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import override

from cadres.rules.id_number import mask_id_number
from cadres.selectors.eligibility import reasons_visible
from core.roles import ROLES, role_actions
from core.visibility import (
    ALL_FACTS,
    APPRAISAL_GRADES,
    FACT_PERMISSIONS,
    FACTS,
    FULL_ID_NUMBER,
    ROLE_FACTS,
    SANCTIONS,
    may_see,
    visible_facts,
)

README = Path(__file__).resolve().parents[2] / "README.md"
SANCTION_REASON = {"code": "sanction_effect_period", "severity": "block", "rule": "影响期", "message": "诫勉"}


def test_every_role_has_a_row_and_names_only_known_facts():
    assert set(ROLE_FACTS) == {role.code for role in ROLES}
    assert all(facts <= ALL_FACTS for facts in ROLE_FACTS.values())


@pytest.mark.parametrize("role", [role.code for role in ROLES])
@pytest.mark.parametrize("fact", sorted(FACT_PERMISSIONS))
def test_a_fact_with_a_model_is_seen_exactly_by_the_roles_that_may_view_the_model(role, fact):
    app_label, model = FACT_PERMISSIONS[fact].split(".")
    assert (fact in ROLE_FACTS[role]) == ("view" in role_actions(role, app_label, model))


def test_the_full_id_permission_is_the_policy(users):
    for role in ("admin", "hr", "clerk", "leader", "discipline", "nobody"):
        user = getattr(users, role)
        assert user.has_perm("cadres.view_full_id_number") == may_see(user, FULL_ID_NUMBER), role
    assert [r for r in ("hr", "discipline") if may_see(getattr(users, r), FULL_ID_NUMBER)] == [
        "hr",
        "discipline",
    ]


def test_who_sees_what(users):
    assert visible_facts(users.admin) == ALL_FACTS
    assert visible_facts(users.nobody) == frozenset()
    assert visible_facts(AnonymousUser()) == frozenset()
    assert not may_see(users.clerk, SANCTIONS) and not may_see(users.clerk, APPRAISAL_GRADES)
    assert may_see(users.leader, APPRAISAL_GRADES) and not may_see(users.leader, SANCTIONS)
    assert may_see(users.hr, SANCTIONS) and may_see(users.discipline, SANCTIONS)
    assert may_see(users.clerk, None)
    with pytest.raises(KeyError):
        may_see(users.hr, "salary")


def test_an_inactive_user_sees_nothing(users):
    users.hr.is_active = False
    assert visible_facts(users.hr) == frozenset()


def test_a_hidden_reason_keeps_its_severity_and_nothing_else(users):
    warn = SANCTION_REASON | {"severity": "warn"}
    other = {"code": "age_limit", "severity": "block", "rule": "年龄", "message": "超龄"}
    assert reasons_visible([SANCTION_REASON, other], user=users.hr) == [SANCTION_REASON, other]
    hidden, kept = reasons_visible([SANCTION_REASON, other], user=users.leader)
    assert kept == other
    assert hidden["code"] == "restricted" and hidden["severity"] == "block"
    assert "诫勉" not in str(hidden) and "影响期" not in str(hidden)
    assert reasons_visible([warn], user=users.clerk)[0]["severity"] == "warn"


def test_masked_numbers_of_one_province_cannot_be_told_apart():
    assert mask_id_number("110101198001011234") == mask_id_number("110229197512310017") == "11" + "*" * 16


def _mark(yes: bool) -> str:
    return "✓" if yes else "—"


def policy_table() -> str:
    header = "| role | " + " | ".join(str(FACTS[f]) for f in FACTS) + " |"
    rows = [header, "| --- " * (len(FACTS) + 1) + "|"]
    for role in ROLES:
        rows.append(
            f"| {role.group} | " + " | ".join(_mark(f in ROLE_FACTS[role.code]) for f in FACTS) + " |"
        )
    return "\n".join(rows)


def test_the_readme_table_is_the_policy():
    with override("en"):
        table = policy_table()
    assert table in README.read_text(encoding="utf-8"), "README's visibility table should read:\n" + table


def test_me_tells_a_client_which_facts_it_will_get(api, users):
    assert api(users.leader).get("/api/v1/me/").json()["facts"] == sorted(ROLE_FACTS["leader"])
    assert api(users.admin).get("/api/v1/me/").json()["facts"] == sorted(ALL_FACTS)
