from django.urls import path, register_converter

from appraisal import review_views, views, views_care


class StepConverter:
    regex = "open|close|confirm"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(StepConverter, "step")
app_name = "appraisal"

urlpatterns = [
    path("cadres/<int:pk>/appraisal/", views.appraisal_result_create, name="result-create"),
    path("appraisal/cycles/", views.cycle_list_page, name="cycle-list"),
    path("appraisal/cycles/<int:pk>/", views.cycle_detail_page, name="cycle-detail"),
    path("appraisal/cycles/<int:pk>/results/", views.cycle_results_page, name="cycle-results"),
    path("appraisal/cycles/<int:pk>/reviews/", review_views.cycle_reviews_page, name="cycle-reviews"),
    path("appraisal/cycles/<int:pk>/pay.csv", views.cycle_pay_export, name="cycle-pay-export"),
    path("appraisal/cycles/<int:pk>/ballots/", views.ballot_issue_page, name="ballot-issue"),
    path("appraisal/cycles/<int:pk>/<step:step>/", views.cycle_step_page, name="cycle-step"),
    path("appraisal/distribution/", views.grade_distribution_page, name="grade-distribution"),
    path("ballot/", views.ballot_page, name="ballot"),
    path("appraisal/commendations/", views_care.commendation_list_page, name="commendation-list"),
    path("appraisal/commendations/new/", views_care.commendation_create, name="commendation-create"),
    path("appraisal/consequences/", views_care.consequence_list_page, name="consequence-list"),
    path(
        "appraisal/consequences/<int:pk>/close/", views_care.consequence_close_page, name="consequence-close"
    ),
    path("appraisal/care-talks/", views_care.care_talk_list_page, name="care-talk-list"),
    path("appraisal/care-talks/new/", views_care.care_talk_create, name="care-talk-create"),
    path("appraisal/care-talks/coverage/", views_care.care_talk_coverage_page, name="care-talk-coverage"),
    path("appraisal/care/panel/", views_care.leader_panel_page, name="leader-panel"),
    path("appraisal/visits/", views_care.visit_list_page, name="visit-list"),
    path("appraisal/visits/new/", views_care.visit_create, name="visit-create"),
    path("appraisal/health-checks/", views_care.health_check_list_page, name="health-check-list"),
    path("appraisal/health-checks/arrange/", views_care.health_check_arrange, name="health-check-arrange"),
    path(
        "appraisal/health-checks/<int:pk>/mark/", views_care.health_check_mark_page, name="health-check-mark"
    ),
    path("ballot/report/", views.ballot_report_file, name="ballot-report"),
]
