"""The main menu, one dropdown per system (选人用人, 思想政治·能力, 考核激励, 作风建设, 系统管理).

Each app registers its entries in `AppConfig.ready()`; core knows the systems, not the pages.
A user sees an entry only when he holds all its permissions (and is staff where it says so),
and a system only when it has an entry he may open.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavSystem:
    code: str
    label: str


SELECTION = NavSystem("selection", _("Selection and appointment"))
TRAINING = NavSystem("training", _("Political thought and ability"))
APPRAISAL = NavSystem("appraisal", _("Appraisal and incentives"))
CONDUCT = NavSystem("conduct", _("Conduct and oversight"))
SYSTEM = NavSystem("system", _("System administration"))
SYSTEMS = (SELECTION, TRAINING, APPRAISAL, CONDUCT, SYSTEM)


@dataclass(frozen=True)
class NavItem:
    system: NavSystem
    label: str
    url_name: str
    permissions: tuple[str, ...] = ()
    staff_only: bool = False
    query: str = ""
    order: int = 100

    def visible_to(self, user) -> bool:
        if self.staff_only and not user.is_staff:
            return False
        return all(user.has_perm(permission) for permission in self.permissions)


NAV_ITEMS: dict[tuple[str, str], NavItem] = {}


def register_nav_item(item: NavItem) -> None:
    NAV_ITEMS[(item.system.code, item.url_name + item.query)] = item


def navigation_for(user) -> list[dict]:
    """[{"system", "items": [{"label", "url"}]}] in the systems' order, empty systems left out."""
    menu = []
    for system in SYSTEMS:
        items = sorted(
            (i for i in NAV_ITEMS.values() if i.system == system and i.visible_to(user)),
            key=lambda i: i.order,
        )
        links = [{"label": i.label, "url": url} for i in items if (url := _url(i))]
        if links:
            menu.append({"system": system, "items": links})
    return menu


def _url(item: NavItem) -> str:
    try:
        return reverse(item.url_name) + item.query
    except NoReverseMatch:  # an admin page of a model that is not registered
        return ""
