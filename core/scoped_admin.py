"""The base of every business model's admin: lists through the data scope, saves through the service."""

from simple_history.admin import SimpleHistoryAdmin

from core.scope import scoped


class ScopedAdmin(SimpleHistoryAdmin):
    """Set `service` (a staticmethod) and `service_kwarg`, the name it takes the object by."""

    service = None
    service_kwarg = None

    def get_queryset(self, request):
        return scoped(request.user, super().get_queryset(request))

    def save_model(self, request, obj, form, change):
        type(self).service(**{self.service_kwarg: obj, "acting_user": request.user})
