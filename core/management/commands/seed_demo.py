import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadres.demo import seed_cadres, seed_org
from cadres.demo_province import PROVINCE_NAME, PROVINCE_USER, seed_province
from cadres.demo_selection import seed_selection_demo
from core.demo import seed_users
from core.roles import HR


class Command(BaseCommand):
    help = "Load realistic demo data (idempotent: running it again refreshes, never duplicates)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["college", "province"],
            default="college",
            help="college: one college through the services; province: also about 100 institutions "
            "with 30,000 cadres and ten years of appointments, bulk-loaded (for benchmarks).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even under the production settings (a training server, say).",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "seed_demo refuses to run under the production settings: it creates the superuser "
                "'admin' and one user per role, all with the demo password that the README publishes "
                "(DEMO_PASSWORD, default Cadre@2026), and fictional cadre records beside the real ones. "
                "Pass --allow-production to load them anyway, e.g. on a training server."
            )
        with transaction.atomic():
            root = seed_org()
            cadres = seed_cadres(root=root)
            seed_selection_demo(root=root)
            users = seed_users(root=root)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({cadres} new cadre records)."))
        self.stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD}):")
        for username, role in users:
            self.stdout.write(f"  {username:<12} {role}")
        if options["scale"] == "province":
            self._province()

    def _province(self):
        started = time.monotonic()
        result = seed_province()
        if result is None:
            self.stdout.write(f"{PROVINCE_NAME} already exists: province data left as it is.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{PROVINCE_NAME}: {result.institutions} institutions, {result.units} units, "
                f"{result.posts} posts, {result.cadres} cadres, {result.appointments} appointments, "
                f"{result.appraisals} appraisal results in {time.monotonic() - started:.0f} s."
            )
        )
        self.stdout.write(f"  {PROVINCE_USER:<12} {HR.group} (scope: {PROVINCE_NAME})")
