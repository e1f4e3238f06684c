import functools

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination

from core import ranges
from core.api.fields import RangedIntegerField, query_value
from core.figures_cache import CachedCountPaginator, list_count_parts


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (1–500). A page size out of range is a 400 `out_of_range`
    rather than quietly another size; a page past the last is DRF's 404."""

    page_size_query_param = "page_size"
    max_page_size = ranges.PAGE_SIZE.maximum

    def paginate_queryset(self, queryset, request, view=None):
        # A view naming `count_cache_namespace` takes its total from the figures cache.
        namespace = getattr(view, "count_cache_namespace", None)
        if namespace:
            self.django_paginator_class = functools.partial(
                CachedCountPaginator,
                namespace=namespace,
                parts=list_count_parts(request, on=timezone.localdate()),
            )
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        field = RangedIntegerField(bounds=ranges.PAGE_SIZE, label=_("Page size"))
        return query_value(request, self.page_size_query_param, field, default=self.page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] |= {
                    "minimum": ranges.PAGE_SIZE.minimum,
                    "maximum": ranges.PAGE_SIZE.maximum,
                }
        return parameters
