"""The actors that write without a login: every write names who made it, these included.

Scheduled jobs and seeding act as the system actor; writes made by the public (ballots,
online complaints, to come) act as the public actor. Both are inactive accounts with no
usable password, so nobody can log in as them; their rows in the history say who wrote.
"""

from django.contrib.auth import get_user_model

SYSTEM_USERNAME = "system"
PUBLIC_USERNAME = "public"
_NAMES = {SYSTEM_USERNAME: "系统任务", PUBLIC_USERNAME: "公众"}


def _actor(username: str):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_active": False, "first_name": _NAMES[username]}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def system_actor():
    """The actor of scheduled jobs, seeding and migrations: not bound by a data scope."""
    return _actor(SYSTEM_USERNAME)


def public_actor():
    """The actor of writes made without a login; it has no data scope of its own."""
    return _actor(PUBLIC_USERNAME)


def is_system_actor(user) -> bool:
    return user is not None and user.username == SYSTEM_USERNAME and not user.is_active
