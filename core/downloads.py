"""File downloads: one response shape for every export (xlsx, lrmx, zip, pdf)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def file_response(content: bytes, *, filename: str, content_type: str, inline: bool = False) -> HttpResponse:
    """`content` as a download named `filename` (RFC 6266 encoding keeps Chinese names intact);
    `inline` lets the browser show it (the PDF of the appointment form)."""
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(not inline, filename)},
    )
