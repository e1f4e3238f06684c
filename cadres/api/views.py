from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response

from cadres.api import filters
from cadres.api.serializers import (
    OrgUnitDetailSerializer,
    OrgUnitSerializer,
    PostLevelSerializer,
    PostQuotaSerializer,
    PostSerializer,
)
from cadres.models import OrgUnit, Post, PostLevel, PostQuota
from cadres.selectors.org import unit_staffing
from cadres.services import org_unit_save, post_level_save, post_quota_save, post_save
from core.api.fields import AsOfQuerySerializer, as_of
from core.api.scoping import ScopedQuerysetMixin
from core.api.views import ServiceSaveMixin


# Staffing as of `?on=` (default today).
@extend_schema_view(
    list=extend_schema(parameters=[AsOfQuerySerializer]),
    retrieve=extend_schema(parameters=[AsOfQuerySerializer]),
)
class OrgUnitViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """Org units (机构) in the user's data scope, with per-level approved/filled/vacant posts."""

    # Units are deactivated (PATCH active=false), never deleted: history hangs on them.
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    queryset = OrgUnit.objects.order_by("path")
    filterset_class = filters.OrgUnitFilter
    search_fields = ["code", "name"]
    service = staticmethod(org_unit_save)
    service_kwarg = "unit"

    def get_serializer_class(self):
        return OrgUnitDetailSerializer if self.action in ("list", "retrieve") else OrgUnitSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = self.get_serializer_context() | {"staffing": unit_staffing(units=page, on=as_of(request))}
        serializer = OrgUnitDetailSerializer(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        unit = self.get_object()
        context = self.get_serializer_context() | {"staffing": unit_staffing(units=[unit], on=as_of(request))}
        return Response(OrgUnitDetailSerializer(unit, context=context).data)


class PostLevelViewSet(ServiceSaveMixin, viewsets.ModelViewSet):
    """Post levels (层级): reference data shared by every unit."""

    queryset = PostLevel.objects.order_by("rank")
    serializer_class = PostLevelSerializer
    filterset_fields = ["tier", "is_principal", "active"]
    service = staticmethod(post_level_save)
    service_kwarg = "level"


class PostViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """Posts (职务): one seat each, in a unit at a level."""

    queryset = Post.objects.select_related("unit", "level")
    serializer_class = PostSerializer
    filterset_class = filters.PostFilter
    search_fields = ["title", "unit__name"]
    service = staticmethod(post_save)
    service_kwarg = "post"


class PostQuotaViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """Post quotas (职数): approved number of posts per unit and level."""

    queryset = PostQuota.objects.select_related("unit", "level")
    serializer_class = PostQuotaSerializer
    filterset_class = filters.PostQuotaFilter
    service = staticmethod(post_quota_save)
    service_kwarg = "quota"
