from django.urls import path

from oversight import conduct_pages, musts_views, views, views_attachments, views_cases, views_public

app_name = "oversight"

urlpatterns = [
    path("cadres/<int:pk>/sanction/", views.sanction_create, name="sanction-create"),
    path("oversight/complaints/", views.complaint_list, name="complaint-list"),
    path("oversight/complaints/new/", views.complaint_create, name="complaint-create"),
    path("oversight/complaints/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path("oversight/complaints/<int:pk>/reporter/", views.complaint_reporter, name="complaint-reporter"),
    path("oversight/complaints/<int:pk>/recuse/", views.complaint_recuse, name="complaint-recuse"),
    path("oversight/complaints/<int:pk>/subjects/", views.complaint_subjects, name="complaint-subjects"),
    path(
        "oversight/complaints/<int:pk>/attachments/",
        views_attachments.attachment_upload,
        name="complaint-attachment-upload",
    ),
    path(
        "oversight/complaints/<int:pk>/attachments/<int:attachment_pk>/",
        views_attachments.attachment_download,
        name="complaint-attachment",
    ),
    path("oversight/complaints/<int:pk>/<slug:step>/", views.complaint_step, name="complaint-step"),
    path("oversight/integrity-opinions/", views.opinion_list, name="opinion-list"),
    path("oversight/integrity-opinions/<int:pk>/", views.opinion_detail, name="opinion-detail"),
    path("oversight/cases/", views_cases.case_list, name="case-list"),
    path("oversight/cases/<int:pk>/", views_cases.case_detail, name="case-detail"),
    path("oversight/letter-inquiries/", views_cases.inquiry_list, name="inquiry-list"),
    path("oversight/letter-inquiries/<int:pk>/", views_cases.inquiry_detail, name="inquiry-detail"),
    path("report/", views_public.report_page, name="report"),
    path("report/status/", views_public.report_status_page, name="report-status"),
    path("oversight/dashboard/", views.oversight_dashboard, name="dashboard"),
    path("oversight/file-reviews/", musts_views.file_review_list, name="file-review-list"),
    path("oversight/file-reviews/<int:pk>/", musts_views.file_review_detail, name="file-review-detail"),
    path("oversight/personal-matters/", musts_views.matters_list, name="matters-list"),
    path("oversight/personal-matters/<int:pk>/", musts_views.matters_detail, name="matters-detail"),
    path("oversight/personal-matters/status/", musts_views.filing_status, name="matters-status"),
    path("oversight/travel-papers/", musts_views.document_list, name="document-list"),
    path("oversight/trips/", musts_views.trip_list, name="trip-list"),
]

# The yearly conduct work (oversight.conduct_pages).
urlpatterns += [
    path("oversight/letters/", conduct_pages.letter_list, name="letter-list"),
    path("oversight/duty-reports/", conduct_pages.duty_report_list, name="duty-report-list"),
    path("oversight/risks/", conduct_pages.risk_list, name="risk-list"),
    path("oversight/risk-reviews/<int:pk>/", conduct_pages.risk_review_detail, name="risk-review-detail"),
    path("oversight/meetings/", conduct_pages.meeting_list, name="meeting-list"),
    path("oversight/tasks/", conduct_pages.task_list, name="task-list"),
    path("oversight/tasks/<int:pk>/", conduct_pages.task_detail, name="task-detail"),
]
