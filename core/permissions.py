"""Role predicates (django-rules) for checks that are not plain model permissions."""

import rules

from core.roles import ADMIN, DISCIPLINE, HR, LEADER, has_role
from core.visibility import FULL_ID_NUMBER, may_see


@rules.predicate
def is_admin(user):
    return user.is_authenticated and has_role(user, ADMIN)


@rules.predicate
def is_hr(user):
    return user.is_authenticated and has_role(user, HR)


@rules.predicate
def is_leader(user):
    return user.is_authenticated and has_role(user, LEADER)


@rules.predicate
def is_discipline(user):
    return user.is_authenticated and has_role(user, DISCIPLINE)


rules.add_perm("core.view_dashboard", is_admin | is_hr | is_leader)


@rules.predicate
def sees_full_id_number(user):
    return may_see(user, FULL_ID_NUMBER)


# The full ID number (居民身份证号码); everyone else sees it masked. The policy is
# core.visibility's table; this permission is its name for code that checks permissions.
rules.add_perm("cadres.view_full_id_number", sees_full_id_number)
