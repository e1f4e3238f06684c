"""The demo data registry: each system registers its seeders in AppConfig.ready().

`manage.py seed_demo` runs them in `order`, each as the system actor; a seeder is
idempotent (a rerun refreshes, never duplicates) and returns the lines it wants printed.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Seeder:
    name: str
    order: int  # lower runs first: records before the grades and sanctions that refer to them
    run: Callable[..., list[str]]  # (*, scale: str, acting_user) -> lines to print


SEEDERS: dict[str, Seeder] = {}


def register_seeder(seeder: Seeder) -> None:
    if SEEDERS.get(seeder.name, seeder) != seeder:
        raise ValueError(f"seeder {seeder.name!r} is already registered")
    SEEDERS[seeder.name] = seeder


def seeders() -> list[Seeder]:
    return sorted(SEEDERS.values(), key=lambda s: (s.order, s.name))
