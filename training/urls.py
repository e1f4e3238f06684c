from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("sessions/", views.session_list, name="session-list"),
    path("sessions/new/", views.session_form, name="session-create"),
    path("sessions/<int:pk>/", views.session_form, name="session-edit"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session-attendance"),
    path("missing/", views.missing_list, name="missing"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("programmes/", views.programme_list, name="programme-list"),
    path("programmes/new/", views.programme_form, name="programme-create"),
    path("programmes/<int:pk>/import/", views.attendance_import_page, name="attendance-import"),
    path("programmes/import-template/", views.attendance_template_download, name="attendance-template"),
    path("follow-ups/", views.follow_up_list_view, name="follow-up-list"),
    path("follow-ups/<int:pk>/", views.follow_up_form, name="follow-up-edit"),
    path("behind/", views.behind_view, name="behind"),
    path("reported/", views.reported_list, name="reported"),
    path("secondments/", views.secondment_list_view, name="secondment-list"),
    path("secondments/new/", views.secondment_form, name="secondment-create"),
    path("secondments/<int:pk>/", views.secondment_form, name="secondment-edit"),
    path("rules/", views.rule_list, name="rule-list"),
    path("rules/new/", views.rule_document_form, name="rule-create"),
    path("rules/<int:pk>/", views.rule_document_form, name="rule-edit"),
    path("sessions/<int:session>/follow-ups/new/", views.follow_up_create, name="follow-up-create"),
]
