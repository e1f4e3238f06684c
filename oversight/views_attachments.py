"""Complaint attachments on the discipline workspace: upload, and the scoped, logged download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.models import ReadChannel
from oversight.api.complaint_views import attachment_response
from oversight.forms import AttachmentForm
from oversight.selectors.complaints import attachment_visible, complaints_visible
from oversight.services.attachments import attachment_open, complaint_attachment_add


@login_required
@require_POST
@permission_required("oversight.change_complaint", raise_exception=True)
def attachment_upload(request, pk):
    complaint = get_object_or_404(complaints_visible(user=request.user), pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            complaint_attachment_add(
                complaint=complaint, uploads=form.cleaned_data["files"], acting_user=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Files attached."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("oversight:complaint-detail", pk=pk)


@login_required
@require_GET
@permission_required("oversight.view_complaint", raise_exception=True)
def attachment_download(request, pk, attachment_pk):
    found = attachment_visible(user=request.user, complaint_id=pk, attachment_id=attachment_pk)
    if found is None:
        raise Http404
    opened = attachment_open(
        attachment=found, channel=ReadChannel.FILE, request=request, acting_user=request.user
    )
    return attachment_response(opened)
