"""Recompute the yearly hours totals (training.HoursTotal) from the ledger: after rows were
written outside the training services (a bulk load, a restore), or to check them."""

from django.core.management.base import BaseCommand
from django.db import transaction

from training.services import hours_totals_refresh


class Command(BaseCommand):
    help = "Recompute the yearly hours totals from the training ledger (all cadres, or those given)."

    def add_arguments(self, parser):
        parser.add_argument("--cadre", type=int, action="append", help="a cadre's id (repeatable)")
        parser.add_argument("--year", type=int, action="append", help="a year (repeatable)")

    def handle(self, *args, cadre=None, year=None, **options):
        from training.models import HoursTotal

        with transaction.atomic():
            hours_totals_refresh(cadre_ids=cadre, years=year)
        self.stdout.write(f"{HoursTotal.objects.count()} yearly hours totals.")
