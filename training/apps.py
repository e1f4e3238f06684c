from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Political thought and ability")

    def ready(self):
        # What cadres asks of this system, registered here so cadres never imports it.
        from cadres.registry import RecordPanel, register_fact_loader, register_record_panel
        from core.demo import register_seeder
        from core.navigation import TRAINING, NavItem, register_nav_item
        from core.notifications import register_notification_kind
        from training import demo, reminders, rules, selectors, signals, views

        signals.connect()

        for code, label in reminders.KINDS.items():
            register_notification_kind(code, label)

        register_fact_loader(rules.TRAINING_HOURS_FACT, selectors.training_hours_facts)
        register_record_panel(
            RecordPanel(
                "training",
                "training/_record_panel.html",
                "training.view_studysession",
                views.record_panel_context,
                order=40,
            )
        )
        register_seeder(demo.SEEDER)
        register_seeder(demo.PROVINCE_SEEDER)
        items = [
            (_("Study sessions"), "training:session-list", "training.view_studysession", 10),
            (_("Missing monthly study"), "training:missing", "training.view_studysession", 20),
            (_("First-item follow-up tasks"), "training:follow-up-list", "training.view_followuptask", 25),
            (_("Training programmes"), "training:programme-list", "training.view_trainingprogramme", 30),
            (_("Behind on training hours"), "training:behind", "training.view_programmeparticipant", 40),
            (_("Reported training"), "training:reported", "training.change_programmeparticipant", 42),
            (_("Training dashboard"), "training:dashboard", "training.view_programmeparticipant", 45),
            (_("Secondments"), "training:secondment-list", "training.view_secondment", 50),
            (_("Rule library"), "training:rule-list", "training.view_ruledocument", 60),
        ]
        for label, url_name, permission, order in items:
            register_nav_item(NavItem(TRAINING, label, url_name, (permission,), order=order))
