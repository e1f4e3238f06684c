from django.urls import path, register_converter

from appraisal import review_views, views


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
    path("ballot/report/", views.ballot_report_file, name="ballot-report"),
]
