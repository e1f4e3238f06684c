from django.urls import path

from appraisal import views

app_name = "appraisal"

urlpatterns = [
    path("cadres/<int:pk>/appraisal/", views.appraisal_result_create, name="result-create"),
]
