"""HR pages of the appraisal system: yearly grades entered from the cadre record page."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.forms import AppraisalResultForm
from appraisal.models import AppraisalResult
from appraisal.selectors import appraisal_result_list
from appraisal.services import appraisal_result_save
from cadres.models import Cadre
from core.pages import form_page
from core.scope import scoped


def record_panel_context(*, cadre: Cadre, user) -> dict:
    """The grades card on the cadre record page (cadres.registry.RECORD_PANELS)."""
    return {
        "results": appraisal_result_list(user=user, cadre=cadre),
        "can_add": user.has_perm("appraisal.add_appraisalresult"),
    }


@login_required
@permission_required("appraisal.add_appraisalresult", raise_exception=True)
def appraisal_result_create(request, pk):
    cadre = get_object_or_404(scoped(request.user, Cadre), pk=pk)
    result = AppraisalResult(cadre=cadre, year=timezone.localdate().year - 1)
    form = AppraisalResultForm(request.POST or None, instance=result)
    return form_page(
        request,
        form=form,
        save=lambda: appraisal_result_save(result=form.instance, acting_user=request.user),
        success_url=reverse("cadres:cadre-detail", args=[cadre.pk]),
        done=_("Appraisal result saved."),
        title=f"{AppraisalResult._meta.verbose_name}：{cadre.name}",
    )
