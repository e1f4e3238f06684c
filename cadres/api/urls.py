from django.urls import path
from rest_framework.routers import DefaultRouter

from cadres.api import cadre_views, lrmx_views, roster_views, selection_views, views

router = DefaultRouter(trailing_slash=True)
router.register("org-units", views.OrgUnitViewSet, basename="org-unit")
router.register("post-levels", views.PostLevelViewSet, basename="post-level")
router.register("posts", views.PostViewSet, basename="post")
router.register("post-quotas", views.PostQuotaViewSet, basename="post-quota")
router.register("cadres", cadre_views.CadreViewSet, basename="cadre")
router.register("appointments", cadre_views.AppointmentViewSet, basename="appointment")
router.register("selections", selection_views.SelectionViewSet, basename="selection")
router.register("reserve-cadres", selection_views.ReserveCadreViewSet, basename="reserve-cadre")
urlpatterns = [
    path("due/", selection_views.DueView.as_view(), name="api-due"),
    path("cadres/<int:pk>/lrmx/", lrmx_views.CadreLrmxView.as_view(), name="cadre-lrmx"),
    path("cadres/export-lrmx/", lrmx_views.CadreLrmxExportView.as_view(), name="cadre-export-lrmx"),
    path("cadres/import-lrmx/", lrmx_views.CadreLrmxImportView.as_view(), name="cadre-import-lrmx"),
    # Before the router, whose cadres/<pk>/ would take "import" and "export" for ids.
    path("cadres/import/", roster_views.CadreImportView.as_view(), name="cadre-import"),
    path("cadres/export/", roster_views.CadreExportView.as_view(), name="cadre-export"),
    path(
        "cadres/import-template/",
        roster_views.CadreImportTemplateView.as_view(),
        name="cadre-import-template",
    ),
    *router.urls,
]
