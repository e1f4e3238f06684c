"""The sensitive reads of oversight records, in core's read log: sanctions viewed (the API, the
cadre record's sanctions card) and complaints opened. A reporter's identity is logged apart, by
`reporter_reveal` (ReporterDisclosure)."""

from django.http import HttpRequest

from core.models import ReadChannel, ReadKind, User
from core.readlog import read_log_records
from oversight.models import Complaint, Sanction


def log_sanctions(
    *, user: User, sanctions: list[Sanction], channel: ReadChannel, request: HttpRequest | None = None
) -> None:
    read_log_records(user=user, kind=ReadKind.SANCTION, channel=channel, records=sanctions, request=request)


def log_complaints(*, request: HttpRequest, complaints: list[Complaint], channel: ReadChannel) -> None:
    read_log_records(
        user=request.user, kind=ReadKind.COMPLAINT, channel=channel, records=complaints, request=request
    )
