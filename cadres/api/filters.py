from cadres.models import OrgUnit, Post, PostQuota
from core.filters import FilterSet


class OrgUnitFilter(FilterSet):
    class Meta:
        model = OrgUnit
        fields = ["kind", "parent", "active"]


class PostFilter(FilterSet):
    class Meta:
        model = Post
        fields = ["unit", "level", "category", "is_key", "active"]


class PostQuotaFilter(FilterSet):
    class Meta:
        model = PostQuota
        fields = ["unit", "level"]
