from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("Conduct and oversight")

    def ready(self):
        # What cadres asks of this system, registered here so cadres never imports it.
        from cadres.registry import (
            CheckProvider,
            DueKind,
            RaterNote,
            RecordPanel,
            register_check_provider,
            register_due_kind,
            register_fact_loader,
            register_rater_note,
            register_record_panel,
        )
        from core.constraints import ConstraintField, register_constraint
        from core.demo import register_seeder
        from core.navigation import CONDUCT, NavItem, register_nav_item
        from core.notifications import register_notification_kind
        from core.visibility import INTEGRITY_OPINIONS, SANCTIONS
        from oversight import demo, demo_conduct, rules, selectors, views
        from oversight.selectors import complaint_check, dashboard, duty_reports, opinions
        from oversight.services import conduct_reminders, reminders
        from oversight.services.opinions import opinion_request_for_candidate

        register_fact_loader(
            rules.SANCTIONS_FACT,
            selectors.sanction_facts,
            reveals=SANCTIONS,
            many=selectors.sanction_facts_many,
        )
        register_due_kind(
            DueKind(
                "effect_period_ending",
                _("Effect period ending"),
                selectors.effect_periods_ending,
                30,
                _("The effect period of %(name)s's %(sanction)s (%(unit)s) ends on %(date)s."),
                reveals=SANCTIONS,
            )
        )
        register_record_panel(
            RecordPanel(
                "sanctions",
                "oversight/_record_panel.html",
                "oversight.view_sanction",
                views.record_panel_context,
                order=30,
                reveals=SANCTIONS,
            )
        )
        # 纪检监察机关意见必听 is computed from the integrity opinion, asked for with each candidate.
        register_check_provider(
            CheckProvider(
                "integrity_opinion",
                opinions.integrity_check_states,
                request=opinion_request_for_candidate,
                reveals=INTEGRITY_OPINIONS,
            )
        )
        # 举报必查 is computed from the complaints: HR reads "being handled" or "none pending", no more.
        register_check_provider(CheckProvider("complaints", complaint_check.complaint_check_states))
        self._musts_ready()
        register_notification_kind(reminders.KIND, _("Complaint deadline"))
        for code, label in conduct_reminders.KINDS.items():
            register_notification_kind(code, label)
        # 述责述廉 beside appraisal's 廉 dimension, as information for raters.
        register_rater_note(
            RaterNote("duty_report", "lian", _("Duty and integrity report"), duty_reports.duty_report_notes)
        )
        register_record_panel(
            RecordPanel(
                "duty_reports",
                "oversight/_duty_report_panel.html",
                "oversight.view_dutyreport",
                duty_reports.duty_report_panel,
                order=35,
            )
        )
        register_seeder(demo_conduct.CONDUCT_SEEDER)
        self._conduct_nav(NavItem, register_nav_item, CONDUCT)
        register_seeder(demo.SEEDER)
        register_seeder(demo.COMPLAINT_SEEDER)
        register_constraint(
            ConstraintField("effectperiod_higher_post_not_shorter", ("no_higher_post_months",))
        )
        register_constraint(ConstraintField("sanction_effect_after_decision", ("effect_end",)))
        register_nav_item(
            NavItem(
                CONDUCT,
                _("Effect periods ending"),
                "cadres:due-list",
                ("cadres.view_appointment", "oversight.view_sanction"),
                query="?kind=effect_period_ending",
                order=10,
            )
        )
        register_nav_item(
            NavItem(
                CONDUCT, _("Complaints"), "oversight:complaint-list", ("oversight.view_complaint",), order=5
            )
        )
        register_nav_item(
            NavItem(CONDUCT, _("Cases"), "oversight:case-list", ("oversight.view_case",), order=6)
        )
        register_nav_item(
            NavItem(
                CONDUCT,
                _("Letter inquiries"),
                "oversight:inquiry-list",
                ("oversight.view_letterinquiry",),
                order=6,
            )
        )
        register_nav_item(
            NavItem(
                CONDUCT,
                _("Integrity opinions"),
                "oversight:opinion-list",
                ("oversight.view_integrityopinion",),
                order=7,
            )
        )
        register_nav_item(
            NavItem(
                CONDUCT,
                _("Oversight figures"),
                "oversight:dashboard",
                (dashboard.DASHBOARD_PERMISSION,),
                order=40,
            )
        )
        register_nav_item(
            NavItem(
                CONDUCT,
                _("Sanctions"),
                "admin:oversight_sanction_changelist",
                ("oversight.view_sanction",),
                staff_only=True,
                order=20,
            )
        )

    @staticmethod
    def _conduct_nav(NavItem, register_nav_item, CONDUCT):
        for order, (label, url, perm) in enumerate(
            [
                (_("Responsibility letters"), "oversight:letter-list", "oversight.view_responsibilityletter"),
                (_("Duty and integrity reports"), "oversight:duty-report-list", "oversight.view_dutyreport"),
                (_("Integrity risks"), "oversight:risk-list", "oversight.view_integrityrisk"),
                (_("Supervised meetings"), "oversight:meeting-list", "oversight.view_supervisedmeeting"),
                (_("Supervised tasks"), "oversight:task-list", "oversight.view_supervisedtask"),
            ],
            start=50,
        ):
            register_nav_item(NavItem(CONDUCT, label, url, (perm,), order=order))

    def _musts_ready(self):
        """凡提四必 from the organisation department's supervision records (docs/architecture.md)."""
        from cadres.registry import (
            AppointmentHook,
            CheckProvider,
            ReserveGuard,
            register_appointment_hook,
            register_check_provider,
            register_fact_loader,
            register_reserve_guard,
        )
        from core.demo import register_seeder
        from core.navigation import CONDUCT, NavItem, register_nav_item
        from core.notifications import register_notification_kind
        from core.visibility import PERSONAL_MATTERS
        from oversight import demo_musts
        from oversight.rules import musts as rules  # registers personal_matters_concealed
        from oversight.selectors import musts
        from oversight.services import musts_reminders
        from oversight.services.personal_matters import targeted_check_for_candidate
        from oversight.services.travel import registration_for_appointment

        register_check_provider(CheckProvider("file_review", musts.file_review_check_states))
        register_check_provider(
            CheckProvider(
                "personal_matters",
                musts.matters_check_states,
                request=targeted_check_for_candidate,
                reveals=PERSONAL_MATTERS,
            )
        )
        register_fact_loader(rules.CONCEALMENT_FACT, musts.concealment_facts, reveals=PERSONAL_MATTERS)
        register_reserve_guard(ReserveGuard("personal_matters_concealed", musts.concealment_reserve_refusal))
        register_appointment_hook(AppointmentHook("exit_registration", registration_for_appointment))
        register_seeder(demo_musts.SEEDER)
        for kind, label in musts_reminders.KINDS.items():
            register_notification_kind(kind, label)
        for order, (label, name, perm) in enumerate(
            [
                (_("File reviews"), "oversight:file-review-list", "oversight.view_filereview"),
                (
                    _("Personal-matters reports"),
                    "oversight:matters-list",
                    "oversight.view_personalmattersreport",
                ),
                (_("Travel papers"), "oversight:document-list", "oversight.view_traveldocument"),
                (_("Trips abroad"), "oversight:trip-list", "oversight.view_triprequest"),
            ]
        ):
            register_nav_item(NavItem(CONDUCT, label, name, (perm,), order=60 + order))
