"""What the oversight viewsets share: validated step input, and the fresh record as the answer."""

from rest_framework.response import Response


class StepViewMixin:
    """`_input(request, Serializer)` validates a step's body; `_answer(obj)` reads the record
    again through the scoped queryset and answers with the viewset's serializer."""

    def _input(self, request, input_class):
        data = input_class(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _answer(self, obj, status=200):
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(
            self.serializer_class(fresh, context=self.get_serializer_context()).data, status=status
        )
