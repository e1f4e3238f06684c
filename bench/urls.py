"""The site's URLs plus the bare yardstick view at /bench/bare/ (bench.settings only)."""

from django.urls import path

from bench.bare import bare_cadres
from config.urls import *  # noqa: F403
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/bare/", bare_cadres, name="bench-bare"), *site_urlpatterns]
