"""Demo data of the cadres system: the college, its records and users, a selection under way,
and the province data set for benchmarks. Registered with core.demo in CadresConfig.ready()."""

import time

from django.conf import settings
from django.db import transaction

from core.demo import Seeder
from core.models import User
from core.roles import HR


def seed_college(*, scale: str, acting_user: User) -> list[str]:
    from cadres.demo.college import seed_cadres, seed_org
    from cadres.demo.users import seed_users

    with transaction.atomic():
        root = seed_org(acting_user=acting_user)
        created = seed_cadres(root=root, acting_user=acting_user)
        users = seed_users(root=root)
    lines = [
        f"Demo data ready ({created} new cadre records).",
        f"Demo logins (password: {settings.DEMO_PASSWORD}):",
    ]
    return lines + [f"  {username:<12} {role}" for username, role in users]


def seed_selection(*, scale: str, acting_user: User) -> list[str]:
    from cadres.demo.college import ROOT_CODE
    from cadres.demo.selection import seed_selection_demo
    from cadres.models import OrgUnit

    with transaction.atomic():
        seed_selection_demo(root=OrgUnit.objects.get(code=ROOT_CODE), acting_user=acting_user)
    return []


def seed_province_data(*, scale: str, acting_user: User) -> list[str]:
    from cadres.demo.province import PROVINCE_NAME, PROVINCE_USER, seed_province

    if scale not in ("province", "national"):
        return []
    started = time.monotonic()
    result = seed_province()
    if result is None:
        return [f"{PROVINCE_NAME} already exists: province data left as it is."]
    return [
        f"{PROVINCE_NAME}: {result.institutions} institutions, {result.units} units, {result.posts} posts, "
        f"{result.cadres} cadres, {result.appointments} appointments in {time.monotonic() - started:.0f} s.",
        f"  {PROVINCE_USER:<12} {HR.group} (scope: {PROVINCE_NAME})",
    ]


def seed_national_data(*, scale: str, acting_user: User) -> list[str]:
    from cadres.demo.province import NATIONAL_NAME, NATIONAL_USER, seed_national

    if scale != "national":
        return []
    started = time.monotonic()

    def progress(region) -> None:
        print(f"  {region.root.name}: {region.cadres} cadres, {region.appointments} appointments", flush=True)

    regions = seed_national(progress=progress)
    if not regions:
        return [f"{NATIONAL_NAME} already holds its ten departments: national data left as it is."]
    return [
        f"{NATIONAL_NAME}: {len(regions)} departments, {sum(r.units for r in regions)} units, "
        f"{sum(r.cadres for r in regions)} cadres, {sum(r.appointments for r in regions)} appointments "
        f"in {time.monotonic() - started:.0f} s.",
        f"  {NATIONAL_USER:<12} {HR.group} (scope: {NATIONAL_NAME})",
    ]


SEEDERS = [
    Seeder("cadres", 10, seed_college),
    # After appraisal (20) and oversight (30): candidates are checked against their grades and sanctions.
    Seeder("selection", 40, seed_selection),
    Seeder("province", 50, seed_province_data),
    # Ten departments of the province's size under one national unit (bench/README.md).
    Seeder("national", 55, seed_national_data),
]
