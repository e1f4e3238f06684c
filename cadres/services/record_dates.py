"""The record date checks (cadres.rules.record_dates) as every write applies them.

Impossible dates are field errors. Implausible ones are refused with `confirmation_required`
until the caller confirms them (`confirm=True`); only warnings the write brings are asked
about, so a legacy record confirmed once can be edited without confirming it again.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.rules.record_dates import DateFinding, FamilyBirth, record_date_findings
from core.errors import RuleViolation

CONFIRMATION_REQUIRED = "confirmation_required"
DATE_FIELDS = ("birth_date", "work_start_date", "party_join_date")


class ConfirmationRequired(RuleViolation):
    """Implausible dates, each on its field; the API body lists them again under `warnings`."""

    def __init__(self, warnings: list[DateFinding]) -> None:
        message = _("Some dates are implausible; check them and confirm to save.")
        super().__init__(
            NON_FIELD_ERRORS, message, CONFIRMATION_REQUIRED, warnings=[w.as_dict() for w in warnings]
        )
        self.warnings = warnings
        for warning in warnings:
            self.error_dict.setdefault(warning.field, []).append(
                ValidationError(warning.message, code=warning.code)
            )


def family_births(members: Iterable[Mapping], *, prefix: str = "family") -> list[FamilyBirth]:
    """Family rows (dicts of FamilyMember fields) as the rule reads them, named `family.N.birth_date`."""
    return [
        FamilyBirth(
            f"{prefix}.{order}.birth_date",
            row.get("relation", ""),
            row.get("name", ""),
            row.get("birth_date"),
        )
        for order, row in enumerate(members)
    ]


def date_findings(
    *,
    dates: Mapping[str, datetime.date | None],
    family: Iterable[Mapping] = (),
    on: datetime.date | None = None,
) -> list[DateFinding]:
    """The findings for a record's dates (`DATE_FIELDS` read from `dates`) and family rows."""
    return record_date_findings(
        **{name: dates.get(name) for name in DATE_FIELDS},
        family=family_births(family),
        on=on or timezone.localdate(),
    )


def dates_of(record) -> dict[str, datetime.date | None]:
    return {name: getattr(record, name) for name in DATE_FIELDS}


def new_warnings(findings: list[DateFinding], *, before: list[DateFinding]) -> list[DateFinding]:
    """The implausible findings not already on record: the same code, date and message (which
    names the age and, for a family member, the name). A family member's row number is no part of
    it, since the family is saved again as a whole."""
    known = {(f.code, f.value, f.message) for f in before}
    return [f for f in findings if not f.impossible and (f.code, f.value, f.message) not in known]


def refused(
    findings: list[DateFinding], *, errors: Mapping[str, list] | None = None
) -> ValidationError | None:
    """The impossible findings as one ValidationError with the other `errors`, or None when there are none."""
    impossible = [f for f in findings if f.impossible]
    if not impossible and not errors:
        return None
    by_field: dict[str, list] = {name: list(field_errors) for name, field_errors in (errors or {}).items()}
    for finding in impossible:
        by_field.setdefault(finding.field, []).insert(0, ValidationError(finding.message, code=finding.code))
    return ValidationError(by_field)


def warnings_confirm(warnings: list[DateFinding], *, confirm: bool) -> list[DateFinding]:
    """Refuse `warnings` unless `confirm`; the confirmed warnings are returned."""
    if warnings and not confirm:
        raise ConfirmationRequired(warnings)
    return warnings
