"""Writes of responsibility letters: the year's letters generated from the org tree and the
leadership posts (idempotent: a letter already there stays as it is), and signing with the scan."""

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import RuleViolation
from core.models import User
from core.services import record_save
from oversight.choices import (
    DEFAULT_LETTER_SIGN_BY,
    LETTER_SCAN_EXTENSIONS,
    LETTER_SCAN_MAX_BYTES,
    LetterState,
    LetterTier,
)
from oversight.models import ResponsibilityLetter
from oversight.rules.letters import Gap, letter_plan
from oversight.selectors.letters import letter_facts
from oversight.services.conduct import check_year, require_perm
from oversight.services.dates import not_before, not_in_future

# What a scan must begin with, by extension: a renamed file of another kind is refused.
SCAN_MAGIC = {"pdf": (b"%PDF",), "png": (b"\x89PNG",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",)}


@dataclass(frozen=True)
class Generation:
    created: int
    existing: int
    gaps: tuple[Gap, ...]


def _key(letter) -> tuple:
    """What makes a letter one of a kind within its year (the model's unique constraints)."""
    if letter.tier == LetterTier.MEMBER:
        return (letter.tier, letter.issuer_post_id, letter.signatory_post_id)
    return (letter.tier, letter.issuer_post_id, letter.unit_id)


@transaction.atomic
def letters_generate(*, year: int, sign_by: datetime.date | None, acting_user: User) -> Generation:
    """The year's letters, top-down, as the tree and the posts stand today (or on 31 Dec of a past year)."""
    require_perm(acting_user, "oversight.add_responsibilityletter")
    check_year(year)
    sign_by = sign_by or datetime.date(year, *DEFAULT_LETTER_SIGN_BY)
    on = min(timezone.localdate(), datetime.date(year, 12, 31))
    leaders, units, leadership_id = letter_facts(user=acting_user, on=on)
    plan = letter_plan(leaders=leaders, units=units, leadership_unit_id=leadership_id)
    # Two generations at once would both see a letter missing: the unique constraints make the
    # second one fail cleanly; the lock on the year's rows keeps the usual case from getting there.
    existing = {_key(x) for x in ResponsibilityLetter.objects.select_for_update().filter(year=year)}
    created = 0
    for planned in plan.letters:
        if _key(planned) in existing:
            continue
        letter = ResponsibilityLetter(
            year=year,
            tier=planned.tier,
            issuer_post_id=planned.issuer_post_id,
            signatory_post_id=planned.signatory_post_id,
            unit_id=planned.unit_id,
            issuer_id=planned.issuer_id,
            signatory_id=planned.signatory_id,
            sign_by=sign_by,
            generated_by=acting_user,
        )
        record_save(letter, acting_user=acting_user, unit=letter.unit)
        created += 1
    return Generation(created, len(plan.letters) - created, plan.gaps)


def scan_check(scan: UploadedFile, *, field: str = "signed_scan") -> None:
    extension = scan.name.rsplit(".", 1)[-1].lower() if "." in scan.name else ""
    if extension not in LETTER_SCAN_EXTENSIONS:
        raise RuleViolation(field, _("The scan is a PDF, JPEG or PNG file."), "invalid_extension")
    if scan.size > LETTER_SCAN_MAX_BYTES:
        raise RuleViolation(
            field,
            _("The file is larger than %(mb)s MB.") % {"mb": LETTER_SCAN_MAX_BYTES // 2**20},
            "file_too_large",
        )
    scan.seek(0)
    head = scan.read(8)
    scan.seek(0)
    if not head.startswith(SCAN_MAGIC[extension]):
        raise RuleViolation(field, _("The file is not the kind its name says."), "invalid_file")


@transaction.atomic
def letter_sign(
    *, letter: ResponsibilityLetter, signed_on: datetime.date, scan: UploadedFile | None, acting_user: User
) -> ResponsibilityLetter:
    require_perm(acting_user, "oversight.change_responsibilityletter")
    letter = ResponsibilityLetter.objects.select_for_update().select_related("unit").get(pk=letter.pk)
    if letter.state == LetterState.SIGNED:
        raise RuleViolation("state", _("The letter is already signed."), "already_signed")
    not_in_future(signed_on, field="signed_on")
    not_before(signed_on, datetime.date(letter.year - 1, 12, 1), field="signed_on")
    if scan is not None:
        scan_check(scan)
        letter.signed_scan.save(scan.name, scan, save=False)
    letter.state, letter.signed_on = LetterState.SIGNED, signed_on
    return record_save(letter, acting_user=acting_user, unit=letter.unit)


@transaction.atomic
def letter_scan_attach(
    *, letter: ResponsibilityLetter, scan: UploadedFile, acting_user: User
) -> ResponsibilityLetter:
    """The signed scan, attached at signing or afterwards (replacing an earlier one)."""
    require_perm(acting_user, "oversight.change_responsibilityletter")
    letter = ResponsibilityLetter.objects.select_for_update().select_related("unit").get(pk=letter.pk)
    if letter.state != LetterState.SIGNED:
        raise RuleViolation("state", _("Record the signing first."), "not_signed")
    scan_check(scan)
    letter.signed_scan.save(scan.name, scan, save=False)
    return record_save(letter, acting_user=acting_user, unit=letter.unit)
