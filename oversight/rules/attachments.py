"""What a complaint attachment may be: its kind (by the file name's extension), size and number."""

from typing import NamedTuple

# extension -> the content type it is served with (always as a download, never rendered inline)
ATTACHMENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "txt": "text/plain",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/wav",
    "mp4": "video/mp4",
}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10


class AttachmentProblem(NamedTuple):
    code: str
    limit: int | str


def attachment_type(*, name: str) -> str | None:
    """The content type a file of this name is kept as, or None when the kind is not accepted."""
    _stem, dot, extension = name.rpartition(".")
    return ATTACHMENT_TYPES.get(extension.lower()) if dot else None


def attachment_problem(*, name: str, size: int, existing: int) -> AttachmentProblem | None:
    """Why this file cannot be attached to a complaint that already has `existing` files, or None."""
    if attachment_type(name=name) is None:
        return AttachmentProblem("bad_file_type", ", ".join(sorted(ATTACHMENT_TYPES)))
    if size <= 0:
        return AttachmentProblem("empty_file", 0)
    if size > MAX_ATTACHMENT_BYTES:
        return AttachmentProblem("too_large", MAX_ATTACHMENT_BYTES // (1024 * 1024))
    if existing >= MAX_ATTACHMENTS:
        return AttachmentProblem("too_many_files", MAX_ATTACHMENTS)
    return None
