import functools

from core.navigation import navigation_for
from core.notifications import unread_count
from core.roles import user_roles


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    # Called by the template only where it is shown (the header's bell): one COUNT a page.
    @functools.cache
    def unread_notifications() -> int:
        return unread_count(user)

    @functools.cache
    def menu() -> list[dict]:
        return navigation_for(user)

    return {"user_roles": user_roles(user), "unread_notifications": unread_notifications, "menu": menu}
