import django_filters

from cadres.models import OrgUnit, Post, PostQuota


class OrgUnitFilter(django_filters.FilterSet):
    class Meta:
        model = OrgUnit
        fields = ["kind", "parent", "active"]


class PostFilter(django_filters.FilterSet):
    class Meta:
        model = Post
        fields = ["unit", "level", "category", "is_key", "active"]


class PostQuotaFilter(django_filters.FilterSet):
    class Meta:
        model = PostQuota
        fields = ["unit", "level"]
