from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "appraisal"
    verbose_name = _("Appraisal and incentives")

    def ready(self):
        # What cadres asks of this system, registered here so cadres never imports it.
        from appraisal import demo, demo_care, rules, selectors, services, views
        from appraisal.selectors import commendations, consequences
        from appraisal.services import care, reminders
        from cadres.registry import (
            DueKind,
            LrmxAppraisalSink,
            RecordPanel,
            RewardsSource,
            register_due_kind,
            register_fact_loader,
            register_lrmx_appraisal_sink,
            register_record_panel,
            register_rewards_source,
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
        # 能上能下 on HR's due list: open items stay until closed, whatever the window.
        register_due_kind(
            DueKind(
                consequences.ADJUSTMENT_DUE,
                _("Adjustment after appraisal"),
                consequences.adjustments_due,
                0,
                _("%(name)s (%(unit)s) is due for an adjustment: %(post)s."),
                reveals=APPRAISAL_GRADES,
            )
        )
        register_due_kind(
            DueKind(
                consequences.COMMENDATION_DUE,
                _("Commendation after appraisal"),
                consequences.commendations_due,
                0,
                _("%(name)s (%(unit)s) is flagged for commendation: %(post)s."),
                reveals=APPRAISAL_GRADES,
            )
        )
        # Commendations go into the record's 奖惩情况, the .lrmx file and the printed form.
        register_rewards_source(RewardsSource("commendations", commendations.commendation_lines))
        register_constraint(ConstraintField("appraisalresult_one_per_year", ("year",)))
        register_constraint(ConstraintField("consequence_one_per_run", ("year",)))
        register_constraint(ConstraintField("commendation_cadre_matches_scope", ("cadre",)))
        register_constraint(ConstraintField("caretalk_two_people", ("talkee",)))
        register_constraint(ConstraintField("healthcheck_one_per_round", ("cadre",)))
        register_constraint(ConstraintField("healthcheckround_year_range", ("year",)))
        register_constraint(ConstraintField("appraisalresult_year_range", ("year",)))
        for seeder in [*demo.SEEDERS, *demo_care.SEEDERS]:
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
        for name, url, perm, order in (
            (
                _("Adjustments and commendations due"),
                "appraisal:consequence-list",
                "appraisal.view_consequence",
                39,
            ),
            (_("Commendations"), "appraisal:commendation-list", "appraisal.view_commendation", 40),
            (_("Talk coverage"), "appraisal:care-talk-coverage", "appraisal.view_caretalk", 41),
            (_("Heart-to-heart talks"), "appraisal:care-talk-list", "appraisal.view_caretalk", 42),
            (_("Visits"), "appraisal:visit-list", "appraisal.view_visit", 43),
            (_("Health checks"), "appraisal:health-check-list", "appraisal.view_healthcheck", 44),
            (_("Care and commendations by unit"), "appraisal:leader-panel", "appraisal.view_caretalk", 45),
        ):
            register_nav_item(NavItem(APPRAISAL, name, url, (perm,), order=order))
        register_notification_kind(care.COVERAGE_REMINDER, _("Talks still owed"))
        for code, label in (
            (reminders.CYCLE_OPEN, _("Appraisal cycle open")),
            (reminders.CYCLE_CLOSED, _("Appraisal cycle closed")),
            (reminders.BALLOT_RETURNS, _("Ballots returned")),
        ):
            register_notification_kind(code, label)
