"""Demo users: one per role, all with DEMO_PASSWORD."""

from django.conf import settings
from django.contrib.auth.models import Group

from cadres.models import OrgUnit
from core.models import User
from core.roles import ADMIN, CLERK, DISCIPLINE, HR, LEADER

DEMO_USERS = [
    # username, role, last name, first name, scope unit code (None = the root)
    ("admin", ADMIN, "系统", "管理员", None),
    ("hr", HR, "组织部", "王老师", None),
    ("clerk", CLERK, "信息工程学院", "李老师", "HZY-XX"),
    ("leader", LEADER, "校领导", "赵书记", None),
    ("discipline", DISCIPLINE, "纪委", "陈老师", None),
]


def seed_users(*, root: OrgUnit) -> list[tuple[str, str]]:
    created = []
    for username, role, last_name, first_name, scope_code in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.last_name, user.first_name = last_name, first_name
        user.scope_unit = OrgUnit.objects.get(code=scope_code) if scope_code else root
        user.is_staff = user.is_superuser = role is ADMIN
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role.group)])
        created.append((username, role.group))
    return created
