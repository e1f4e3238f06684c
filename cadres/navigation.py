"""The cadres system's entries in the main menu (core.navigation), registered in ready()."""

from django.utils.translation import gettext_lazy as _

from core.navigation import SELECTION, SYSTEM, NavItem, register_nav_item

ITEMS = (
    NavItem(SELECTION, _("Cadre roster"), "cadres:cadre-list", ("cadres.view_cadre",), order=10),
    NavItem(
        SELECTION,
        _("Import .lrmx files"),
        "cadres:lrmx-import",
        ("cadres.add_cadre", "cadres.change_cadre"),
        order=20,
    ),
    NavItem(
        SELECTION,
        _("Selection processes"),
        "cadres:selection-list",
        ("cadres.view_selectionprocess",),
        order=30,
    ),
    NavItem(SELECTION, _("Falling due"), "cadres:due-list", ("cadres.view_appointment",), order=40),
    NavItem(SELECTION, _("Reserve cadres"), "cadres:reserve-list", ("cadres.view_reservecadre",), order=50),
    NavItem(
        SELECTION, _("Cadre structure"), "cadres:structure-dashboard", ("core.view_dashboard",), order=60
    ),
    NavItem(SELECTION, _("Org structure"), "cadres:org-tree", ("cadres.view_orgunit",), order=70),
    NavItem(SYSTEM, _("Notifications"), "notifications:list", order=10),
    NavItem(SYSTEM, _("Back office"), "admin:index", staff_only=True, order=20),
    NavItem(SYSTEM, _("API documentation"), "api-docs", order=30),
    NavItem(SYSTEM, _("Access review"), "access-review", permissions=("core.review_access",), order=40),
    NavItem(SYSTEM, _("Read log"), "read-log", permissions=("core.view_readlog",), order=41),
)


def register() -> None:
    for item in ITEMS:
        register_nav_item(item)
