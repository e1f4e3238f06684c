"""The five roles, as Django groups with their model permissions.

Each role lists permissions by `app_label.model` pattern (`*` for every model of an app,
or of every app) and the actions it may take. Later apps extend ROLE_PERMISSIONS; the
groups are re-synced after every migrate, so the table here is the single truth.
"""

from dataclasses import dataclass
from fnmatch import fnmatch

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    group: str
    label: str


ADMIN = Role("admin", "系统管理员", _("Administrator"))
HR = Role("hr", "组织人事", _("HR staff"))
CLERK = Role("clerk", "单位管理员", _("Unit clerk"))
LEADER = Role("leader", "校领导", _("Leader"))
DISCIPLINE = Role("discipline", "纪检监察", _("Discipline staff"))
# 三员分立 (等保 2.0): three administrators instead of one, none able to do another's work and none
# reading business data. A site that adopts them gives these roles and keeps ADMIN (and superuser)
# for break-glass only. README "Roles".
SYSTEM_ADMIN = Role("system_admin", "三员·系统管理员", _("System administrator"))
SECURITY_ADMIN = Role("security_admin", "三员·安全管理员", _("Security administrator"))
AUDIT_ADMIN = Role("audit_admin", "三员·审计管理员", _("Audit administrator"))
THREE_ADMINS = (SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN)
ROLES = (ADMIN, HR, CLERK, LEADER, DISCIPLINE, *THREE_ADMINS)
ROLE_BY_GROUP = {role.group: role for role in ROLES}

ALL = ("view", "add", "change", "delete")
READ = ("view",)

# (model pattern, actions) per role; the first matching pattern wins.
ROLE_PERMISSIONS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    ADMIN.code: [("core.user", (*ALL, "review")), ("*.*", ALL)],
    HR.code: [
        ("cadres.*", ALL),
        ("appraisal.*", ALL),
        ("oversight.sanction", ALL),
        ("oversight.historicalsanction", READ),
        ("oversight.effectperiod", READ),
        # HR asks for integrity opinions and reads them; complaints and cases stay with discipline.
        ("oversight.integrityopinion", ("view", "add")),
        # The 述责述廉 grades feed appraisal: HR reads them.
        ("oversight.dutyreport", READ),
        # The organisation department's supervision work (凡提四必's records): file reviews,
        # personal-matters reports and their checks, papers in custody and trips abroad.
        ("oversight.mustssettings", READ),
        ("oversight.historicalmustssettings", READ),
        ("oversight.*filereview*", ALL),
        ("oversight.*personalmattersreport", ALL),
        ("oversight.*matters*", ALL),
        ("oversight.*randomdraw", ALL),
        ("oversight.*traveldocument", ALL),
        ("oversight.*documentloan", ALL),
        ("oversight.*exitregistration", ALL),
        ("oversight.*trip*", ALL),
        ("core.notification", ALL),
        ("core.readlog", ()),  # the auditor's, not HR's
        ("oversight.*", ()),
        ("training.trainingsettings", ("view", "change")),
        ("training.sourcecredit", ("view", "change")),
        ("training.*", ALL),
        ("*.*", READ),
    ],
    CLERK.code: [
        ("cadres.orgunit", READ),
        ("cadres.postlevel", READ),
        ("cadres.post", READ),
        ("cadres.postquota", READ),
        ("cadres.cadre", ("view", "add", "change")),
        ("cadres.familymember", ALL),
        ("cadres.appointment", READ),
        # Their unit's study sessions, and the training they report (counted once HR confirms).
        ("training.studysession", ALL),
        ("training.studyattendance", ALL),
        ("training.followuptask", ("view", "change")),
        # Online courses and external training their unit reports (programmes of their kind).
        ("training.trainingprogramme", ("view", "add", "change")),
        ("training.programmeparticipant", ("view", "add", "change")),
        ("training.secondment", READ),
        ("training.ruledocument", READ),
        # Talks of their unit's heads with their deputies, and who of the unit had the health check.
        ("appraisal.caretalk", ("view", "add", "change")),
        ("appraisal.healthcheck", READ),
        # Their unit's supervised tasks (督办): read them, report progress.
        ("oversight.supervisedtask", READ),
        ("oversight.taskprogress", ("view", "add")),
        ("core.notification", ALL),
    ],
    LEADER.code: [
        ("cadres.*", READ),
        ("oversight.integrityopinion", READ),
        # The yearly conduct work, read: letters, reports, the risk register, meetings, tasks.
        ("oversight.responsibilityletter", READ),
        ("oversight.dutyreport", READ),
        ("oversight.integrityrisk", READ),
        ("oversight.riskreview", READ),
        ("oversight.riskreviewentry", READ),
        ("oversight.supervisedmeeting", READ),
        ("oversight.meetingfinding", READ),
        ("oversight.supervisedtask", READ),
        ("oversight.taskprogress", READ),
        ("appraisal.*", READ),
        ("training.*", READ),
        ("core.notification", ALL),
    ],
    DISCIPLINE.code: [
        ("cadres.orgunit", READ),
        ("cadres.postlevel", READ),
        ("cadres.post", READ),
        ("cadres.cadre", READ),
        ("cadres.familymember", READ),
        ("cadres.appointment", READ),
        ("cadres.selectionprocess", READ),
        ("appraisal.*", READ),
        # Personal-matters reports stay with the organisation department's supervision staff;
        # the other records of the four musts are read only.
        ("oversight.*matters*", ()),
        ("oversight.*randomdraw", ()),
        ("oversight.*filereview*", READ),
        ("oversight.*traveldocument", READ),
        ("oversight.*documentloan", READ),
        ("oversight.*exitregistration", READ),
        ("oversight.*trip*", READ),
        ("oversight.*", ALL),
        ("training.ruledocument", READ),
        ("core.notification", ALL),
    ],
    # Runs the system: the job schedules and the figures rows (working calendar, post levels,
    # each system's settings). No accounts, no logs, no cadre, sanction or complaint.
    SYSTEM_ADMIN.code: [
        ("django_celery_beat.*", ALL),
        ("cadres.calendarday", ALL),
        ("cadres.postlevel", ALL),
        ("cadres.selectionsettings", ("view", "change")),
        ("appraisal.appraisalsettings", ("view", "change")),
        ("oversight.complaintsettings", ("view", "change")),
        ("training.trainingsettings", ("view", "change")),
    ],
    # Accounts: users, their roles and data scope, lockouts and API tokens. Not the logs of what
    # they did (the auditor's) and no business data; the unit tree only, to set a data scope.
    SECURITY_ADMIN.code: [
        ("core.user", ("view", "add", "change")),
        ("auth.group", READ),
        ("cadres.orgunit", READ),
        ("axes.*", ("view", "delete")),
        ("authtoken.tokenproxy", ("view", "delete")),
    ],
    # Reads the traces: the read log, the accounts' history, the access review, the admin's log.
    # Changes nothing.
    AUDIT_ADMIN.code: [
        ("core.readlog", READ),
        ("core.historicaluser", READ),
        ("core.user", ("view", "review")),
        ("admin.logentry", READ),
        ("cadres.orgunit", READ),
    ],
}

# Framework tables that no role but the administrator needs.
EXCLUDED_APPS = {"admin", "auth", "contenttypes", "sessions", "authtoken", "django_celery_beat"}


def role_actions(role_code: str, app_label: str, model: str) -> tuple[str, ...]:
    # The three administrators name each framework table they need; no pattern of theirs is "*.*".
    three = role_code in {role.code for role in THREE_ADMINS}
    if role_code != ADMIN.code and not three and app_label in EXCLUDED_APPS:
        return ()
    for pattern, actions in ROLE_PERMISSIONS[role_code]:
        if fnmatch(f"{app_label}.{model}", pattern):
            return actions
    return ()


def sync_role_groups(*, group_model, permission_model) -> None:
    """Create the role groups and set exactly the permissions the table gives them."""
    permissions = list(permission_model.objects.select_related("content_type"))
    for role in ROLES:
        group, _created = group_model.objects.get_or_create(name=role.group)
        wanted = [
            p
            for p in permissions
            if p.codename.split("_", 1)[0]
            in role_actions(role.code, p.content_type.app_label, p.content_type.model)
        ]
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, **kwargs):
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    # Permissions are created app by app during post_migrate: sync once all exist.
    if sender is not list(apps.get_app_configs())[-1]:
        return
    sync_role_groups(group_model=Group, permission_model=Permission)


def user_roles(user) -> list[Role]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        from core.authcache import group_names  # the cache, not a query per request

        names = group_names(user)
        cached = [role for role in ROLES if role.group in names]
        if user.is_superuser and ADMIN not in cached:
            cached.insert(0, ADMIN)
        user._role_cache = cached
    return cached


def has_role(user, *roles: Role) -> bool:
    return any(role in roles for role in user_roles(user))
