from django.utils.translation import gettext_lazy as _
from rest_framework import pagination

from core import ranges
from core.api.fields import RangedIntegerField, query_value


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (1–500). A page size out of range is a 400 `out_of_range`
    rather than quietly another size; a page past the last is DRF's 404."""

    page_size_query_param = "page_size"
    max_page_size = ranges.PAGE_SIZE.maximum

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
