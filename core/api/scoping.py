from rest_framework import serializers

from core.scope import scoped


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A related id that must lie in the requesting user's data scope."""

    def get_queryset(self):
        request = self.context.get("request")
        queryset = super().get_queryset()
        return scoped(request.user if request else None, queryset)


class ScopedQuerysetMixin:
    """Every list and detail lookup of a viewset goes through the user's data scope."""

    def get_queryset(self):
        return scoped(self.request.user, super().get_queryset())
