"""Writes of personnel-file reviews (干部档案专项审核, 三龄二历一身份). A correction changes the cadre
record through cadres' own service, so the record's history shows the value before and after."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.choices import Education
from cadres.models import Cadre, SelectionProcess
from cadres.services.cadre import cadre_save
from core.errors import RuleViolation
from core.models import User
from core.services import history_save, record_save
from oversight.choices import FileFinding, FileItem
from oversight.models import FileReview, FileReviewItem
from oversight.rules.musts import open_doubts

# The record's field behind each item; 一身份 (how and when the person became a cadre) is not a
# field of the cadre record, so it is reviewed and kept on the review only.
RECORD_FIELDS = {
    FileItem.BIRTH_DATE: "birth_date",
    FileItem.WORK_START_DATE: "work_start_date",
    FileItem.PARTY_JOIN_DATE: "party_join_date",
    FileItem.EDUCATION: "education",
    FileItem.WORK_HISTORY: "resume",
}
DATE_ITEMS = {FileItem.BIRTH_DATE, FileItem.WORK_START_DATE, FileItem.PARTY_JOIN_DATE}


def record_value(cadre: Cadre, item: str) -> str:
    field = RECORD_FIELDS.get(item)
    value = getattr(cadre, field) if field else ""
    return value.isoformat() if isinstance(value, datetime.date) else str(value or "")


def _parsed(item: str, file_value: str, index: int):
    field = f"items.{index}.file_value"
    if item in DATE_ITEMS:
        try:
            return datetime.date.fromisoformat(file_value.strip())
        except ValueError:
            raise RuleViolation(
                field, _("Enter the date in the file as YYYY-MM-DD."), "invalid_date"
            ) from None
    if item == FileItem.EDUCATION and file_value not in Education.values:
        raise RuleViolation(field, _("Enter an education code of the record."), "invalid_choice")
    return file_value


def _items_check(items: list[dict]) -> None:
    if not items:
        raise RuleViolation("items", _("A review compares at least one item."), "required")
    seen = set()
    for index, row in enumerate(items):
        if row["item"] in seen:
            raise RuleViolation(
                f"items.{index}.item", _("This item is already in the review."), "item_exists"
            )
        seen.add(row["item"])
        if row["finding"] == FileFinding.CORRECTED and not row.get("file_value", "").strip():
            message = _("A correction needs the value in the file.")
            raise RuleViolation(f"items.{index}.file_value", message, "required")


def _corrections_apply(*, cadre: Cadre, items: list[dict], acting_user: User) -> None:
    changed = False
    for index, row in enumerate(items):
        field = RECORD_FIELDS.get(row["item"])
        if row["finding"] != FileFinding.CORRECTED or field is None:
            continue
        setattr(cadre, field, _parsed(row["item"], row["file_value"], index))
        changed = True
    if changed:
        # The reviewer has the file in hand: a date the record's checks find implausible is confirmed.
        cadre_save(cadre=cadre, acting_user=acting_user, confirm=True)


@transaction.atomic
def file_review_record(
    *,
    cadre: Cadre,
    reviewed_on: datetime.date,
    items: list[dict],
    acting_user: User,
    selection: SelectionProcess | None = None,
    note: str = "",
) -> FileReview:
    """Record a review with its items ({item, file_value, material, finding}); corrections update
    the record; an item 存疑 keeps the review open until resolved (file_review_item_resolve)."""
    cadre = Cadre.objects.select_for_update().select_related("unit").get(pk=cadre.pk)
    if reviewed_on > timezone.localdate():
        raise RuleViolation("reviewed_on", _("The review cannot be dated in the future."), "in_future")
    if selection is not None and not selection.candidates.filter(cadre=cadre).exists():
        raise RuleViolation(
            "selection", _("The cadre is not a candidate of this selection."), "not_a_candidate"
        )
    _items_check(items)
    before = {row["item"]: record_value(cadre, row["item"]) for row in items}
    review = FileReview(
        cadre=cadre,
        selection=selection,
        reviewed_on=reviewed_on,
        reviewer=acting_user,
        note=note,
        open_doubts=open_doubts(row["finding"] for row in items),
    )
    record_save(review, acting_user=acting_user, unit=cadre.unit, scope_field="cadre")
    _corrections_apply(cadre=cadre, items=items, acting_user=acting_user)
    for row in items:
        item = FileReviewItem(
            review=review,
            item=row["item"],
            record_value=before[row["item"]],
            file_value=row.get("file_value", ""),
            material=row.get("material", ""),
            finding=row["finding"],
        )
        history_save(item, acting_user=acting_user)
    return review


@transaction.atomic
def file_review_item_resolve(
    *, item: FileReviewItem, finding: str, file_value: str, resolved_on: datetime.date, acting_user: User
) -> FileReview:
    """A doubt checked out: consistent after all, or corrected (the record updated)."""
    item = FileReviewItem.objects.select_for_update().select_related("review__cadre__unit").get(pk=item.pk)
    review = FileReview.objects.select_for_update().get(pk=item.review_id)
    if item.finding != FileFinding.DOUBT:
        raise RuleViolation("item", _("Only an item in doubt is resolved."), "not_in_doubt")
    if finding not in (FileFinding.CONSISTENT, FileFinding.CORRECTED):
        raise RuleViolation("finding", _("A doubt resolves as consistent or corrected."), "invalid_choice")
    if resolved_on > timezone.localdate() or resolved_on < review.reviewed_on:
        raise RuleViolation(
            "resolved_on", _("The day must fall between the review and today."), "invalid_date"
        )
    row = {"item": item.item, "finding": finding, "file_value": file_value or item.file_value}
    _items_check([row])
    cadre = Cadre.objects.select_for_update().select_related("unit").get(pk=review.cadre_id)
    _corrections_apply(cadre=cadre, items=[row], acting_user=acting_user)
    item.finding, item.file_value, item.resolved_on = finding, row["file_value"], resolved_on
    record_save(item, acting_user=acting_user, unit=cadre.unit, scope_field="item")
    review.open_doubts = open_doubts(review.items.values_list("finding", flat=True))
    history_save(review, acting_user=acting_user, update_fields=["open_doubts"])
    return review
