"""The four musts' records API (凡提四必): file reviews, personal-matters reports (supervision staff
only; every read of one is logged), papers in custody and trips abroad; clerks read their
unit's filing status only (`personal-matters-status`)."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from core.api.permissions import perm_required
from core.errors import RuleViolation
from core.models import ReadChannel
from core.scope import scoped
from oversight.api import musts_serializers as s
from oversight.api.complaint_views import REFUSED
from oversight.api.steps import StepViewMixin
from oversight.choices import EXPIRY_WINDOW_DAYS
from oversight.models import (
    DocumentLoan,
    ExitRegistration,
    FileReview,
    FileReviewItem,
    MattersCheck,
    MattersFinding,
    PersonalMattersReport,
    TravelDocument,
    TripRequest,
)
from oversight.selectors import musts as selectors
from oversight.services import file_reviews, personal_matters, travel


class FileReviewViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Personnel-file reviews (三龄二历一身份). A review with an item `doubt` is `open` and keeps the
    selection's 档案必审 check open; a `corrected` item updates the cadre record (its history)."""

    serializer_class = s.FileReviewSerializer
    queryset = FileReview.objects.none()
    filterset_fields = ["cadre", "selection"]
    ordering_fields = ["reviewed_on"]

    def get_queryset(self):
        return selectors.file_reviews_visible(user=self.request.user).prefetch_related("items")

    @extend_schema(request=s.FileReviewInput, responses={201: s.FileReviewSerializer, **REFUSED})
    def create(self, request):
        """Record a review (`not_a_candidate`, `item_exists`, `invalid_date`, `in_future`)."""
        data = self._input(request, s.FileReviewInput)
        review = file_reviews.file_review_record(
            cadre=data["cadre"],
            selection=data.get("selection"),
            reviewed_on=data["reviewed_on"],
            items=data["items"],
            note=data["note"],
            acting_user=request.user,
        )
        return self._answer(review, status=201)

    @extend_schema(
        summary=gettext_lazy("Resolve an item in doubt"),
        request=s.FileReviewResolveInput,
        responses={200: s.FileReviewSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """A doubt checked out as consistent or corrected (`not_in_doubt`)."""
        review = self.get_object()
        data = self._input(request, s.FileReviewResolveInput)
        item = FileReviewItem.objects.filter(review=review, pk=data["item"]).first()
        if item is None:
            raise NotFound()
        file_reviews.file_review_item_resolve(
            item=item,
            finding=data["finding"],
            file_value=data["file_value"],
            resolved_on=data["resolved_on"],
            acting_user=request.user,
        )
        return self._answer(review)


class PersonalMattersReportViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Personal-matters reports (个人有关事项报告), supervision staff only. The list shows the filing
    status; `GET .../{id}/` is the contents and writes a row in the read log (调阅), with `purpose`."""

    serializer_class = s.FilingStatusSerializer
    queryset = PersonalMattersReport.objects.none()
    filterset_fields = ["year", "cadre"]
    ordering_fields = ["year", "due_on", "received_on"]

    def get_queryset(self):
        return selectors.reports_visible(user=self.request.user)

    def get_serializer_class(self):
        return s.ReportDetailSerializer if self.action not in ("list", "create") else s.FilingStatusSerializer

    def _detail(self, report, status=200):
        fresh = (
            self.get_queryset()
            .prefetch_related(
                "items", Prefetch("checks", queryset=MattersCheck.objects.prefetch_related("findings"))
            )
            .get(pk=report.pk)
        )

        return Response(
            s.ReportDetailSerializer(fresh, context=self.get_serializer_context()).data, status=status
        )

    @extend_schema(parameters=[s.ReportReadQuery], responses={200: s.ReportDetailSerializer})
    def retrieve(self, request, pk=None):
        query = s.ReportReadQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        report = personal_matters.report_read(
            report=self.get_object(),
            user=request.user,
            channel=ReadChannel.API,
            purpose=query.validated_data["purpose"],
            request=request,
        )
        return self._detail(report)

    @extend_schema(request=s.ReportInput, responses={201: s.FilingStatusSerializer, **REFUSED})
    def create(self, request):
        """Record a filing (`report_exists` is not raised: the year's row is updated)."""
        data = self._input(request, s.ReportInput)
        report = personal_matters.report_record(
            cadre=data["cadre"],
            year=data["year"],
            received_on=data.get("received_on"),
            items=data.get("items"),
            acting_user=request.user,
        )
        return self._answer(report, status=201)

    @extend_schema(
        summary=gettext_lazy("Record a check of the report"),
        request=s.CheckInput,
        responses={201: s.MattersCheckSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def checks(self, request, pk=None):
        """A random or targeted check with its findings per item (`truthful`, `omitted`, `concealed`);
        a check for a `selection` closes or keeps open its 个人有关事项必核 (`not_received`,
        `not_a_candidate`, `finding_exists`)."""
        report = self.get_object()
        data = self._input(request, s.CheckInput)
        check = personal_matters.matters_check_record(
            report=report,
            kind=data["kind"],
            target=data["target"],
            selection=data.get("selection"),
            checked_on=data["checked_on"],
            comparison_date=data.get("comparison_date"),
            findings=data["findings"],
            acting_user=request.user,
        )

        check = MattersCheck.objects.prefetch_related("findings").get(pk=check.pk)
        return Response(s.MattersCheckSerializer(check).data, status=201)

    @extend_schema(
        summary=gettext_lazy("Draw reports for random checks"),
        request=s.DrawInput,
        responses={201: s.DrawSerializer, **REFUSED},
    )
    @action(detail=False, methods=["post"])
    def draw(self, request):
        """随机抽查: the configured share of the year's received reports, drawn with `seed` (random when
        left out; recorded, so the same seed over the same reports draws the same ones)."""
        if not request.user.has_perm("oversight.add_randomdraw"):
            raise PermissionDenied()
        data = self._input(request, s.DrawInput)
        made = personal_matters.random_draw(year=data["year"], seed=data["seed"], acting_user=request.user)

        return Response(s.DrawSerializer(made).data, status=201)


class MattersCheckViewSet(StepViewMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A check's handling (may record a Sanction) and an omission resolved."""

    serializer_class = s.MattersCheckSerializer
    queryset = MattersCheck.objects.none()

    def get_queryset(self):

        return scoped(
            self.request.user, MattersCheck.objects.select_related("report__cadre__unit")
        ).prefetch_related("findings")

    @extend_schema(
        summary=gettext_lazy("Record the handling of a check"),
        request=s.HandlingInput,
        responses={200: s.MattersCheckSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def handling(self, request, pk=None):
        """批评教育, 诫勉, 取消提拔资格 …; `sanction` with `sanction_kind` and `decision_date` records a
        Sanction with its effect period (`not_checked`, `sanction_exists`, `required`)."""
        data = self._input(request, s.HandlingInput)
        check = personal_matters.check_handle(
            check=self.get_object(),
            handling=data["handling"],
            note=data["note"],
            sanction_kind=data["sanction_kind"],
            decision_date=data.get("decision_date"),
            document_no=data["document_no"],
            acting_user=request.user,
        )
        return self._answer(check)

    @extend_schema(
        summary=gettext_lazy("Resolve an omission"),
        request=s.ResolveFindingInput,
        responses={200: s.MattersCheckSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """An omission (漏报) explained and corrected (`not_an_omission`, `already_resolved`)."""
        check = self.get_object()
        data = self._input(request, s.ResolveFindingInput)
        finding = MattersFinding.objects.filter(check_row=check, pk=data["finding"]).first()
        if finding is None:
            raise NotFound()
        personal_matters.finding_resolve(
            finding=finding, resolved_on=data["resolved_on"], acting_user=request.user
        )
        return self._answer(check)


class FilingStatusView(ListAPIView):
    """Who in the reader's units must file this year's personal-matters report, by when, and whether
    it has come in (unit clerks and HR); never what it holds."""

    serializer_class = s.FilingStatusSerializer
    permission_classes = [perm_required("cadres.view_cadre")]
    queryset = PersonalMattersReport.objects.none()
    filterset_fields = []

    @extend_schema(summary=gettext_lazy("Personal-matters filing status"), parameters=[s.ExpiringQuery])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = s.ExpiringQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        return selectors.filing_status(user=self.request.user, year=year).order_by("cadre__name", "id")


class PassportViewSet(
    StepViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Passports and permits in custody (证件集中保管); lending for an approved trip and return
    (due back `passport_return_days` after the trip); `expiring/` the year's expiring list."""

    serializer_class = s.TravelDocumentSerializer
    queryset = TravelDocument.objects.none()
    filterset_fields = ["cadre", "kind"]
    ordering_fields = ["expires_on", "received_on"]

    def get_queryset(self):
        return selectors.documents_visible(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = travel.document_save(
            document=TravelDocument(**serializer.validated_data), acting_user=self.request.user
        )

    def perform_update(self, serializer):
        document = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(document, key, value)
        serializer.instance = travel.document_save(document=document, acting_user=self.request.user)

    @extend_schema(
        summary=gettext_lazy("Lend a travel document"),
        request=s.LendInput,
        responses={200: s.TravelDocumentSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def lend(self, request, pk=None):
        """Lend for a trip (`trip_not_approved`, `already_lent`, `document_expires`, `not_in_custody`)."""
        if not request.user.has_perm("oversight.add_documentloan"):
            raise PermissionDenied()
        data = self._input(request, s.LendInput)
        trip = data.get("trip")
        if trip is not None and not selectors.trips_visible(user=request.user).filter(pk=trip.pk).exists():
            raise NotFound()
        document = self.get_object()
        travel.document_lend(
            document=document,
            lent_on=data["lent_on"],
            trip=trip,
            trip_ends=data.get("trip_ends"),
            acting_user=request.user,
        )
        return self._answer(document)

    @extend_schema(
        summary=gettext_lazy("Return a travel document"),
        request=s.ReturnInput,
        responses={200: s.TravelDocumentSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Back into custody (`already_returned` when nothing is lent)."""
        document = self.get_object()
        data = self._input(request, s.ReturnInput)
        loan = DocumentLoan.objects.filter(document=document, returned_on__isnull=True).first()
        if loan is None:
            raise RuleViolation("document", gettext_lazy("The document is not lent out."), "already_returned")
        travel.document_return(loan=loan, returned_on=data["returned_on"], acting_user=request.user)
        return self._answer(document)

    @extend_schema(
        summary=gettext_lazy("Expiring travel documents"),
        parameters=[s.ExpiringQuery],
        responses={200: s.TravelDocumentSerializer(many=True)},
    )
    @action(detail=False, methods=["get"])
    def expiring(self, request):
        """The documents expiring in `year` (the yearly list), or within 90 days when no year is given."""
        query = s.ExpiringQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = self.get_queryset().filter(released_on__isnull=True)
        year = query.validated_data.get("year")
        if year:
            rows = rows.filter(expires_on__year=year)
        else:
            rows = rows.filter(
                expires_on__lte=timezone.localdate() + datetime.timedelta(days=EXPIRY_WINDOW_DAYS)
            )
        page = self.paginate_queryset(rows.order_by("expires_on", "id"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ExitRegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """登记备案 of cadres whose exit is restricted; a new middle-level cadre's row is made by the
    appointment, with `papers_due`. Papers not handed in are a warning on the selection, never a block."""

    serializer_class = s.ExitRegistrationSerializer
    queryset = ExitRegistration.objects.none()
    filterset_fields = ["cadre"]

    def get_queryset(self):
        return selectors.registrations_visible(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = travel.registration_save(
            registration=ExitRegistration(**serializer.validated_data), acting_user=self.request.user
        )

    def perform_update(self, serializer):
        registration = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(registration, key, value)
        serializer.instance = travel.registration_save(
            registration=registration, acting_user=self.request.user
        )


class TripRequestViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Private trips abroad; each is decided step by step along the chain in force when asked
    (`step_out_of_order`, `already_decided`)."""

    serializer_class = s.TripSerializer
    queryset = TripRequest.objects.none()
    filterset_fields = ["cadre", "state"]
    ordering_fields = ["departs_on", "requested_on"]

    def get_queryset(self):
        return selectors.trips_visible(user=self.request.user)

    @extend_schema(request=s.TripInput, responses={201: s.TripSerializer, **REFUSED})
    def create(self, request):
        data = self._input(request, s.TripInput)
        trip = travel.trip_request(acting_user=request.user, **data)
        return self._answer(trip, status=201)

    @extend_schema(
        summary=gettext_lazy("Decide a step of a trip request"),
        request=s.DecideInput,
        responses={200: s.TripSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        if not request.user.has_perm("oversight.change_triprequest"):
            raise PermissionDenied()
        data = self._input(request, s.DecideInput)
        trip = travel.trip_decide(trip=self.get_object(), acting_user=request.user, **data)
        return self._answer(trip)
