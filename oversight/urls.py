from django.urls import path

from oversight import musts_views, views

app_name = "oversight"

urlpatterns = [
    path("cadres/<int:pk>/sanction/", views.sanction_create, name="sanction-create"),
    path("oversight/complaints/", views.complaint_list, name="complaint-list"),
    path("oversight/complaints/new/", views.complaint_create, name="complaint-create"),
    path("oversight/complaints/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path("oversight/complaints/<int:pk>/reporter/", views.complaint_reporter, name="complaint-reporter"),
    path("oversight/complaints/<int:pk>/<slug:step>/", views.complaint_step, name="complaint-step"),
    path("oversight/integrity-opinions/", views.opinion_list, name="opinion-list"),
    path("oversight/integrity-opinions/<int:pk>/", views.opinion_detail, name="opinion-detail"),
    path("oversight/dashboard/", views.oversight_dashboard, name="dashboard"),
    path("oversight/file-reviews/", musts_views.file_review_list, name="file-review-list"),
    path("oversight/file-reviews/<int:pk>/", musts_views.file_review_detail, name="file-review-detail"),
    path("oversight/personal-matters/", musts_views.matters_list, name="matters-list"),
    path("oversight/personal-matters/<int:pk>/", musts_views.matters_detail, name="matters-detail"),
    path("oversight/personal-matters/status/", musts_views.filing_status, name="matters-status"),
    path("oversight/travel-papers/", musts_views.document_list, name="document-list"),
    path("oversight/trips/", musts_views.trip_list, name="trip-list"),
]
