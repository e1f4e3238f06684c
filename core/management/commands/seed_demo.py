from django.core.management.base import BaseCommand

from core.actors import system_actor
from core.demo import seeders


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

    def handle(self, *args, **options):
        actor = system_actor()
        for seeder in seeders():
            for line in seeder.run(scale=options["scale"], acting_user=actor):
                self.stdout.write(line)
