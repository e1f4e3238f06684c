from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cadres.views import home as home_views
from core import views as core_views

api_v1 = [
    path("", include("core.api.urls")),
    path("", include("cadres.api.urls")),
    path("", include("appraisal.api.urls")),
    path("", include("oversight.api.urls")),
    path("", include("training.api.urls")),
]

handler400 = "core.api.exceptions.bad_request"
handler403 = "core.api.exceptions.permission_denied"
handler404 = "core.api.exceptions.page_not_found"
handler500 = "core.api.exceptions.server_error"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("notifications/", include("core.urls")),
    path("audit/access-review/", core_views.access_review_page, name="access-review"),
    path("audit/reads/", core_views.read_log_page, name="read-log"),
    path("", include("cadres.urls")),
    path("", include("appraisal.urls")),
    path("", include("oversight.urls")),
    path("training/", include("training.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
