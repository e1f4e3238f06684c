"""Role predicates (django-rules) for checks that are not plain model permissions."""

import rules

from core.roles import ADMIN, DISCIPLINE, HR, LEADER, has_role


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

# The full ID number (居民身份证号码); everyone else sees it masked.
rules.add_perm("cadres.view_full_id_number", is_admin | is_hr | is_discipline)


def sees_full_id_number(user) -> bool:
    """Whether `user` may see (and so search by) full ID numbers: the one place to re-point
    when the visibility policy takes over."""
    return user is not None and user.has_perm("cadres.view_full_id_number")
