from django.urls import path

from cadres.views import appointment_form as appointment_form_views
from cadres.views import cadre as cadre_views
from cadres.views import dashboard as dashboard_views
from cadres.views import lrmx as lrmx_views
from cadres.views import org as views
from cadres.views import photo as photo_views
from cadres.views import roster as roster_views
from cadres.views import selection as selection_views

app_name = "cadres"

urlpatterns = [
    path("org/", views.org_tree_page, name="org-tree"),
    path("org/units/new/", views.unit_create, name="unit-create"),
    path("org/units/<int:pk>/", views.unit_panel, name="unit-panel"),
    path("org/units/<int:pk>/edit/", views.unit_edit, name="unit-edit"),
    path("org/posts/new/", views.post_create, name="post-create"),
    path("org/posts/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("org/quotas/new/", views.quota_create, name="quota-create"),
    path("org/quotas/<int:pk>/edit/", views.quota_edit, name="quota-edit"),
    path("cadres/", cadre_views.cadre_list, name="cadre-list"),
    path("selections/", selection_views.selection_list, name="selection-list"),
    path("selections/new/", selection_views.selection_create, name="selection-create"),
    path("selections/<int:pk>/", selection_views.selection_detail, name="selection-detail"),
    path("selections/<int:pk>/print/", selection_views.selection_print, name="selection-print"),
    path(
        "selections/<int:pk>/objections/<int:objection_id>/<str:step>/",
        selection_views.selection_step,
        name="selection-resolve",
    ),
    path("selections/<int:pk>/<str:step>/", selection_views.selection_step, name="selection-step"),
    path("due/", selection_views.due_list, name="due-list"),
    path("reserves/", selection_views.reserve_list, name="reserve-list"),
    path("reserves/<int:pk>/", selection_views.reserve_detail, name="reserve-detail"),
    path("dashboard/structure/", dashboard_views.structure, name="structure-dashboard"),
    path("cadres/new/", cadre_views.cadre_create, name="cadre-create"),
    path("cadres/import/", roster_views.roster_import_page, name="roster-import"),
    path("cadres/import/template/", roster_views.roster_template_download, name="roster-template"),
    path("cadres/import/progress/<str:job>/", roster_views.roster_import_progress, name="roster-progress"),
    path("cadres/export/", roster_views.roster_export_download, name="roster-export"),
    path("cadres/<int:pk>/", cadre_views.cadre_detail, name="cadre-detail"),
    path("cadres/<int:pk>/photo/", photo_views.cadre_photo, name="cadre-photo"),
    path("cadres/<int:pk>/lrmx/", lrmx_views.cadre_lrmx, name="cadre-lrmx"),
    path("cadres/export-lrmx/", lrmx_views.cadres_lrmx_zip, name="cadre-export-lrmx"),
    path("cadres/import-lrmx/", lrmx_views.lrmx_import_page, name="lrmx-import"),
    path("cadres/import-lrmx/confirm/", lrmx_views.lrmx_import_confirm, name="lrmx-import-confirm"),
    path(
        "cadres/<int:pk>/appointment-form/",
        appointment_form_views.appointment_form_print,
        name="appointment-form",
    ),
    path(
        "cadres/<int:pk>/appointment-form.pdf",
        appointment_form_views.appointment_form_pdf,
        name="appointment-form-pdf",
    ),
    path("cadres/<int:pk>/edit/", cadre_views.cadre_edit, name="cadre-edit"),
    path("cadres/<int:pk>/appoint/", cadre_views.appointment_create, name="appointment-create"),
    path("appointments/<int:pk>/end/", cadre_views.appointment_end_view, name="appointment-end"),
]
