from django.urls import path

from oversight import views

app_name = "oversight"

urlpatterns = [
    path("cadres/<int:pk>/sanction/", views.sanction_create, name="sanction-create"),
]
