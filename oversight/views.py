"""HR pages of the oversight system: sanctions entered from the cadre record page."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from cadres.models import Cadre
from core.pages import form_page
from core.scope import scoped
from oversight.forms import SanctionForm
from oversight.models import Sanction
from oversight.selectors import sanction_list
from oversight.services import sanction_save


def record_panel_context(*, cadre: Cadre, user) -> dict:
    """The sanctions card on the cadre record page (cadres.registry.RECORD_PANELS)."""
    return {
        "sanctions": sanction_list(user=user, cadre=cadre),
        "can_add": user.has_perm("oversight.add_sanction"),
    }


@login_required
@permission_required("oversight.add_sanction", raise_exception=True)
def sanction_create(request, pk):
    cadre = get_object_or_404(scoped(request.user, Cadre), pk=pk)
    form = SanctionForm(request.POST or None, instance=Sanction(cadre=cadre))
    return form_page(
        request,
        form=form,
        save=lambda: sanction_save(sanction=form.instance, acting_user=request.user),
        success_url=reverse("cadres:cadre-detail", args=[cadre.pk]),
        done=_("Sanction recorded; its effect period is on the record."),
        title=f"{Sanction._meta.verbose_name}：{cadre.name}",
    )
