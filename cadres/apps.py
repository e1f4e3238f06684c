from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "cadres"
    verbose_name = _("Selection and appointment")

    def ready(self):
        from cadres import constraints, demo, navigation, signals
        from cadres.selectors import due  # noqa: F401  registers the cadres system's due kinds
        from core.demo import register_seeder

        for seeder in demo.SEEDERS:
            register_seeder(seeder)
        navigation.register()
        constraints.register()
        signals.connect()
