from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.forms import OrgUnitForm, PostForm, PostQuotaForm
from cadres.models import OrgUnit, Post, PostQuota
from cadres.selectors.org import org_tree, org_units_visible, unit_detail, unit_staffing
from cadres.services import org_unit_save, post_quota_save, post_save
from core import ranges
from core.forms import RangedDateField, RangedIntegerField, query_param
from core.htmx import render_fragment_or_page
from core.pages import form_page
from core.scope import scoped


def as_of(request):
    """`?on=` (1900-01-01 to 2100-12-31); a bad date says so and shows today."""
    invalid = _("The date must look like 2026-01-31.")
    field = RangedDateField(label=_("As-of date"), required=False, error_messages={"invalid": invalid})
    return query_param(request, "on", field, default=timezone.localdate())


@login_required
@permission_required("cadres.view_orgunit", raise_exception=True)
def org_tree_page(request):
    tree = org_tree(user=request.user, include_inactive=request.GET.get("inactive") == "1")
    unit = RangedIntegerField(bounds=ranges.ID, label=_("Unit"), required=False)
    selected = query_param(request, "unit", unit, default=tree[0].unit.pk if tree else None)
    return render(request, "cadres/org_tree.html", {"tree": tree, "selected": selected, "on": as_of(request)})


@login_required
@permission_required("cadres.view_orgunit", raise_exception=True)
def unit_panel(request, pk):
    try:
        unit = unit_detail(user=request.user, pk=pk)
    except OrgUnit.DoesNotExist as exc:
        raise Http404 from exc
    on = as_of(request)
    staffing = unit_staffing(units=[unit], on=on).get(unit.pk, [])
    return render_fragment_or_page(
        request,
        fragment="cadres/_unit_panel.html",
        page="cadres/unit_page.html",
        context={"unit": unit, "staffing": staffing, "on": on},
    )


def _edit(request, *, form_class, instance, initial, save, title, success_unit):
    form = form_class(request.POST or None, instance=instance, initial=initial, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: save(form.instance, request.user),
        success_url=lambda saved: f"{reverse('cadres:org-tree')}?unit={success_unit(saved).pk}",
        done=_("Saved."),
        title=title,
    )


@login_required
@permission_required("cadres.add_orgunit", raise_exception=True)
def unit_create(request):
    return _edit(
        request,
        form_class=OrgUnitForm,
        instance=None,
        initial={"parent": request.GET.get("parent")},
        save=lambda obj, user: org_unit_save(unit=obj, acting_user=user),
        title=_("New unit"),
        success_unit=lambda unit: unit,
    )


@login_required
@permission_required("cadres.change_orgunit", raise_exception=True)
def unit_edit(request, pk):
    unit = get_object_or_404(org_units_visible(user=request.user), pk=pk)
    return _edit(
        request,
        form_class=OrgUnitForm,
        instance=unit,
        initial={},
        save=lambda obj, user: org_unit_save(unit=obj, acting_user=user),
        title=_("Edit unit %(name)s") % {"name": unit.name},
        success_unit=lambda unit: unit,
    )


@login_required
@permission_required("cadres.add_post", raise_exception=True)
def post_create(request):
    return _edit(
        request,
        form_class=PostForm,
        instance=None,
        initial={"unit": request.GET.get("unit")},
        save=lambda obj, user: post_save(post=obj, acting_user=user),
        title=_("New post"),
        success_unit=lambda post: post.unit,
    )


@login_required
@permission_required("cadres.change_post", raise_exception=True)
def post_edit(request, pk):
    post = get_object_or_404(scoped(request.user, Post), pk=pk)
    return _edit(
        request,
        form_class=PostForm,
        instance=post,
        initial={},
        save=lambda obj, user: post_save(post=obj, acting_user=user),
        title=_("Edit post %(title)s") % {"title": post.title},
        success_unit=lambda post: post.unit,
    )


@login_required
@permission_required("cadres.add_postquota", raise_exception=True)
def quota_create(request):
    return _edit(
        request,
        form_class=PostQuotaForm,
        instance=None,
        initial={"unit": request.GET.get("unit")},
        save=lambda obj, user: post_quota_save(quota=obj, acting_user=user),
        title=_("New post quota"),
        success_unit=lambda quota: quota.unit,
    )


@login_required
@permission_required("cadres.change_postquota", raise_exception=True)
def quota_edit(request, pk):
    quota = get_object_or_404(scoped(request.user, PostQuota), pk=pk)
    return _edit(
        request,
        form_class=PostQuotaForm,
        instance=quota,
        initial={},
        save=lambda obj, user: post_quota_save(quota=obj, acting_user=user),
        title=_("Edit post quota"),
        success_unit=lambda quota: quota.unit,
    )
