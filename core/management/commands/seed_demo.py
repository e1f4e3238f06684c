from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cadres.demo import seed_cadres, seed_org
from cadres.demo_selection import seed_selection_demo
from core.demo import seed_users


class Command(BaseCommand):
    help = "Load realistic demo data (idempotent: running it again refreshes, never duplicates)."

    def handle(self, *args, **options):
        with transaction.atomic():
            root = seed_org()
            cadres = seed_cadres(root=root)
            seed_selection_demo(root=root)
            users = seed_users(root=root)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({cadres} new cadre records)."))
        self.stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD}):")
        for username, role in users:
            self.stdout.write(f"  {username:<12} {role}")
