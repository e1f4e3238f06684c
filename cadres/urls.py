from django.urls import path

from cadres import views

app_name = "cadres"

urlpatterns = [
    path("", views.org_tree_page, name="org-tree"),
    path("units/new/", views.unit_create, name="unit-create"),
    path("units/<int:pk>/", views.unit_panel, name="unit-panel"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit-edit"),
    path("posts/new/", views.post_create, name="post-create"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("quotas/new/", views.quota_create, name="quota-create"),
    path("quotas/<int:pk>/edit/", views.quota_edit, name="quota-edit"),
]
