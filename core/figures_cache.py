"""Figures computed from many rows (dashboard counts, a list's total), cached until the data changes.

Each namespace ("cadres") has a version number in the cache; a key names the version it was
computed under, so a write bumps the version and every older entry is never read again (they
expire on their own). The cache is Redis in production and tests, so every gunicorn worker sees
a bump; the quick start without Redis uses local memory, one process.

A write bumps twice: at once, so later reads in the same transaction (and tests, whose
transactions never commit) see fresh figures; and after the commit, because a reader in another
process may have recomputed from the old rows and stored them under the new version in between.
"""

import hashlib
from collections.abc import Callable
from functools import cached_property

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction

from core.roles import user_roles
from core.scope import scope_path

TIMEOUT = 15 * 60  # seconds; a version bump retires entries long before


def _version_key(namespace: str) -> str:
    return f"figures:{namespace}:version"


def version(namespace: str) -> int:
    return cache.get_or_set(_version_key(namespace), 1, timeout=None)


def _bump(namespace: str) -> None:
    try:
        cache.incr(_version_key(namespace))
    except ValueError:  # not there (evicted, or never read): any new number retires old keys
        cache.set(_version_key(namespace), version(namespace) + 1, timeout=None)


def invalidate(*namespaces: str) -> None:
    """The rows behind these namespaces changed (or will, when the transaction commits)."""
    for namespace in namespaces:
        _bump(namespace)
        transaction.on_commit(lambda n=namespace: _bump(n), robust=True)


def viewer_key(user) -> str:
    """What decides what a user sees of the figures: the scope and the roles."""
    roles = ",".join(sorted(role.code for role in user_roles(user)))
    return f"{scope_path(user)}|{roles}|{int(bool(user.is_superuser))}"


def figures_key(namespace: str, parts: tuple) -> str:
    """A key for `parts` under the namespace's current version (also for `{% cache %}` fragments)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{namespace}:{version(namespace)}:{digest}"


def cached_figures[T](namespace: str, parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned last for the same parts under the namespace's version."""
    key = f"figures:{figures_key(namespace, parts)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT)
    return value


# Parameters that page or order a list but never change its total.
NOT_FILTERS = frozenset({"page", "page_size", "sort", "ordering", "format"})


def list_count_parts(request, *, on) -> tuple:
    """What a list's total depends on: who asks, the filters, the day."""
    params = sorted((k, tuple(request.GET.getlist(k))) for k in request.GET if k not in NOT_FILTERS)
    return ("count", viewer_key(request.user), request.path, tuple(params), on.isoformat())


class CachedCountPaginator(Paginator):
    """A paginator whose total comes from the figures cache: the count is the one query that
    scans the whole scope (30,000 cadres in a province); the page itself reads an index."""

    def __init__(self, object_list, per_page, *, namespace: str, parts: tuple, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.namespace, self.parts = namespace, parts

    @cached_property
    def count(self) -> int:
        return cached_figures(self.namespace, self.parts, lambda: Paginator.count.func(self))
