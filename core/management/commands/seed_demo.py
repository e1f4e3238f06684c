from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.actors import system_actor
from core.demo import seeders


class Command(BaseCommand):
    help = "Load realistic demo data (idempotent: running it again refreshes, never duplicates)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["college", "province", "national"],
            default="college",
            help="college: one college through the services; province: also about 100 institutions "
            "with 30,000 cadres and ten years of appointments, bulk-loaded (for benchmarks); national: also "
            "ten such departments under one national unit, 300,000 cadres more (about 10 minutes).",
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
        actor = system_actor()
        for seeder in seeders():
            for line in seeder.run(scale=options["scale"], acting_user=actor):
                self.stdout.write(line)
