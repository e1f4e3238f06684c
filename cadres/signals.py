"""Writes that change the cached figures (list totals, the structure dashboard) retire them.

Signals rather than calls in each service: the admin, the .lrmx and roster imports and the
selection workflow all save these models, and a figure must never outlive any of those writes.
Bulk writes send no signal; the code that makes them calls `figures_changed()` itself.
"""

from django.db.models.signals import post_delete, post_save

from cadres.models import Appointment, Cadre, OrgUnit, Post, PostLevel, PostQuota
from core.figures_cache import invalidate

NAMESPACE = "cadres"
WATCHED = (Cadre, Appointment, PostQuota, Post, OrgUnit, PostLevel)


def figures_changed() -> None:
    invalidate(NAMESPACE)


def _changed(sender, **kwargs) -> None:
    figures_changed()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"figures-{model._meta.label}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"figures-{model._meta.label}-delete")
