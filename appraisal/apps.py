from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "appraisal"
    verbose_name = _("Appraisal and incentives")

    def ready(self):
        # What cadres asks of this system, registered here so cadres never imports it.
        from appraisal import demo, rules, selectors, services, views
        from appraisal.services import reminders
        from cadres.registry import (
            LrmxAppraisalSink,
            RecordPanel,
            register_fact_loader,
            register_lrmx_appraisal_sink,
            register_record_panel,
        )
        from core.constraints import ConstraintField, register_constraint
        from core.demo import register_seeder
        from core.navigation import APPRAISAL, NavItem, register_nav_item
        from core.notifications import register_notification_kind
        from core.visibility import APPRAISAL_GRADES

        register_fact_loader(rules.APPRAISALS_FACT, selectors.appraisal_facts, reveals=APPRAISAL_GRADES)
        register_record_panel(
            RecordPanel(
                "appraisals",
                "appraisal/_record_panel.html",
                "appraisal.view_appraisalresult",
                views.record_panel_context,
                order=20,
                reveals=APPRAISAL_GRADES,
            )
        )
        register_lrmx_appraisal_sink(
            LrmxAppraisalSink("appraisal", selectors.lrmx_grades_offer, services.lrmx_grades_save)
        )
        register_constraint(ConstraintField("appraisalresult_one_per_year", ("year",)))
        register_constraint(ConstraintField("appraisalresult_year_range", ("year",)))
        for seeder in demo.SEEDERS:
            register_seeder(seeder)
        register_nav_item(
            NavItem(
                APPRAISAL,
                _("Appraisal results"),
                "admin:appraisal_appraisalresult_changelist",
                ("appraisal.view_appraisalresult",),
                staff_only=True,
            )
        )
        register_nav_item(
            NavItem(
                APPRAISAL, _("Appraisal cycles"), "appraisal:cycle-list", ("appraisal.view_appraisalcycle",)
            )
        )
        register_nav_item(
            NavItem(
                APPRAISAL,
                _("Grade distribution"),
                "appraisal:grade-distribution",
                ("appraisal.view_appraisalresult",),
            )
        )
        for code, label in (
            (reminders.CYCLE_OPEN, _("Appraisal cycle open")),
            (reminders.CYCLE_CLOSED, _("Appraisal cycle closed")),
            (reminders.BALLOT_RETURNS, _("Ballots returned")),
        ):
            register_notification_kind(code, label)
