"""The cycle API's self reports, leadership teams, publication of the 优秀 list with its
objections, and the cadres' review requests and appeals: actions mixed into the cycle viewset."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from appraisal.api import review_serializers as r
from appraisal.models import Objection, Publication, ResultAppeal, SelfReport
from appraisal.selectors.cycles import participant_list
from appraisal.selectors.teams import team_results
from appraisal.services import appeals, publications, reports, teams
from core.visibility import APPRAISAL_GRADES, may_see

REFUSED = OpenApiResponse(description='{"code", "message", "fields"}: refused, with a stable code')


class ReviewActions:
    """Mixed into AppraisalCycleViewSet (get_object, _input come from it)."""

    def _require(self, perm: str, *, grades: bool = False):
        user = self.request.user
        if not user.has_perm(f"appraisal.{perm}") or (grades and not may_see(user, APPRAISAL_GRADES)):
            raise exceptions.PermissionDenied()

    def _participant(self, cycle, cadre):
        return get_object_or_404(participant_list(cycle=cycle), cadre=cadre)

    @extend_schema(
        summary=gettext_lazy("List the self reports"), responses={200: r.SelfReportSerializer(many=True)}
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def reports(self, request, pk=None):
        """The participants' 述职述廉报告, written or uploaded."""
        cycle = self.get_object()
        rows = SelfReport.objects.filter(participant__cycle=cycle).select_related("participant__cadre")
        return Response(r.SelfReportSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(
        summary=gettext_lazy("Write or upload a self report"),
        request={"multipart/form-data": r.SelfReportInput, "application/json": r.SelfReportInput},
        responses={201: r.SelfReportSerializer, 400: REFUSED},
    )
    @reports.mapping.post
    def report_save(self, request, pk=None):
        """Until the evaluation closes (`cycle_not_editable`); `bad_file`, `file_too_large`, `required`."""
        self._require("add_selfreport")
        cycle = self.get_object()
        data = self._input(request, r.SelfReportInput)
        row = reports.self_report_save(
            participant=self._participant(cycle, data["cadre"]),
            text=data["text"],
            file=data.get("file"),
            acting_user=request.user,
        )
        return Response(
            r.SelfReportSerializer(row, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary=gettext_lazy("List the leadership teams"), responses={200: r.TeamResultSerializer(many=True)}
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def teams(self, request, pk=None):
        """Each team appraised as a whole: its composite, proposed and confirmed grade, its members."""
        self._require("view_leadershipteam", grades=True)
        return Response(r.TeamResultSerializer(team_results(cycle=self.get_object()), many=True).data)

    @extend_schema(
        summary=gettext_lazy("Appraise a leadership team"),
        request=r.TeamInput,
        responses={201: r.TeamResultSerializer, 400: REFUSED},
    )
    @teams.mapping.post
    def team_add(self, request, pk=None):
        """The team of one of the cycle's units, in draft (`cycle_not_editable`, `unit_outside_cycle`)."""
        self._require("add_leadershipteam")
        data = self._input(request, r.TeamInput)
        team = teams.team_add(cycle=self.get_object(), acting_user=request.user, **data)
        row = next(t for t in team_results(cycle=team.cycle) if t.team.pk == team.pk)
        return Response(r.TeamResultSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Publish the 优秀 list"),
        request=r.PublishInput,
        responses={201: r.PublicationSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """A closed cycle's proposed 优秀 (or `excellent`, within the quota and ceilings) for a notice
        of at least five days (`notice_too_short`); confirmation waits for its end."""
        self._require("add_publication", grades=True)
        data = self._input(request, r.PublishInput)
        row = publications.publication_publish(cycle=self.get_object(), acting_user=request.user, **data)
        return Response(r.PublicationSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Show the published 优秀 list"), responses={200: r.PublicationSerializer}
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def publication(self, request, pk=None):
        """The notice period, the names and the objections."""
        self._require("view_publication", grades=True)
        return Response(r.PublicationSerializer(get_object_or_404(Publication, cycle=self.get_object())).data)

    @extend_schema(
        summary=gettext_lazy("Record an objection"),
        request=r.PublicationObjectionInput,
        responses={201: r.PublicationObjectionSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"])
    def objections(self, request, pk=None):
        """To a published name, received during the notice (`not_published`, `outside_notice`)."""
        self._require("add_objection", grades=True)
        publication = get_object_or_404(Publication, cycle=self.get_object())
        row = publications.objection_record(
            publication=publication,
            acting_user=request.user,
            **self._input(request, r.PublicationObjectionInput),
        )
        return Response(r.PublicationObjectionSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Answer an objection"),
        request=r.PublicationObjectionAnswerInput,
        responses={200: r.PublicationObjectionSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"], url_path=r"objections/(?P<objection>\d+)/answer")
    def objection_answer(self, request, pk=None, objection=None):
        """Upheld: the cadre cannot be confirmed 优秀."""
        self._require("change_objection", grades=True)
        row = get_object_or_404(Objection, publication__cycle=self.get_object(), pk=objection)
        data = self._input(request, r.PublicationObjectionAnswerInput)
        row = publications.objection_answer(objection=row, acting_user=request.user, **data)
        return Response(r.PublicationObjectionSerializer(row).data)

    @extend_schema(
        summary=gettext_lazy("Record that a cadre was told the result"),
        request=r.ResultNoticeInput,
        responses={201: None, 400: REFUSED},
    )
    @action(detail=True, methods=["post"])
    def notices(self, request, pk=None):
        """The review deadline runs from this day (`cycle_not_confirmed`, `in_future`)."""
        self._require("add_resultnotice")
        cycle = self.get_object()
        data = self._input(request, r.ResultNoticeInput)
        appeals.result_notify(
            participant=self._participant(cycle, data["cadre"]),
            told_on=data["told_on"],
            acting_user=request.user,
        )
        return Response(status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("List review requests and appeals"),
        responses={200: r.AppealSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def appeals(self, request, pk=None):
        """复核 and 申诉 of the cycle's results, with their deadlines and outcomes."""
        self._require("view_resultappeal", grades=True)
        rows = ResultAppeal.objects.filter(participant__cycle=self.get_object()).select_related("participant")
        return Response(r.AppealSerializer(rows, many=True).data)

    @extend_schema(
        summary=gettext_lazy("File a review request or an appeal"),
        request=r.AppealInput,
        responses={201: r.AppealSerializer, 400: REFUSED},
    )
    @appeals.mapping.post
    def appeal_file(self, request, pk=None):
        """A review within 30 days of being told (`not_told`, `filing_deadline_passed`); an appeal
        within 15 days of the review's answer (`review_first`)."""
        self._require("add_resultappeal", grades=True)
        cycle = self.get_object()
        data = self._input(request, r.AppealInput)
        participant = self._participant(cycle, data.pop("cadre"))
        row = appeals.appeal_file(participant=participant, acting_user=request.user, **data)
        return Response(r.AppealSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Answer a review request or an appeal"),
        request=r.AppealAnswerInput,
        responses={200: r.AppealSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"], url_path=r"appeals/(?P<appeal>\d+)/answer")
    def appeal_answer(self, request, pk=None, appeal=None):
        """Keep the grade, or change it within the quota and the ceilings (`excellent_quota_exceeded`,
        `above_ceiling`); an annual cycle's yearly grade follows."""
        self._require("change_resultappeal", grades=True)
        row = get_object_or_404(ResultAppeal, participant__cycle=self.get_object(), pk=appeal)
        data = self._input(request, r.AppealAnswerInput)
        row = appeals.appeal_answer(appeal=row, acting_user=request.user, **data)
        return Response(r.AppealSerializer(row).data)
