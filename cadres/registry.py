"""Where the other systems plug into cadres without cadres importing them.

Each system fills these in its AppConfig.ready(); cadres reads them. So the eligibility
engine gets appraisal grades and sanctions, the due list gets effect periods, the record
page gets its panels and the .lrmx import a home for the grades it reads, while imports run
one way only (docs/architecture.md).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.notifications import register_notification_kind
from core.visibility import may_see

# name -> loader(*, cadre, on) -> tuple: one entry of CadreFacts.extra, read by that
# system's eligibility rules (registered with cadres.rules.eligibility.eligibility_rule).
FactLoader = Callable[..., tuple]
FACT_LOADERS: dict[str, FactLoader] = {}
# name -> the visibility fact (core.visibility) the loaded facts are. The engine reads them
# for everyone (a sanction blocks whoever asks); a rule that reports them says so with
# eligibility_rule(..., reveals=), and its reasons are hidden from those who may not see it.
FACT_REVEALS: dict[str, str] = {}
# name -> loader(*, cadres: list of cadre ids, on) -> {cadre id: tuple}: the same facts for many
# cadres in one query, for a reader that needs them all at once (appraisal's grade ceilings).
FACT_LOADERS_MANY: dict[str, Callable[..., dict[int, tuple]]] = {}


@dataclass(frozen=True)
class DueKind:
    """A kind of item on the due list (到期提醒) and in the daily review's reminders."""

    code: str
    label: Any  # lazy text
    collect: Callable[..., list]  # (*, user, on, days) -> list[cadres.selectors.due.DueItem]
    window_days: int  # how far ahead the daily review looks
    message: Any  # lazy reminder text with %(name)s %(post)s %(unit)s %(date)s (%(sanction)s: the detail)
    reveals: str | None = None  # the visibility fact (core.visibility) an item discloses


DUE_KINDS: dict[str, DueKind] = {}


@dataclass(frozen=True)
class RecordPanel:
    """A card on the cadre record page, shown to users with `permission` who may see `reveals`."""

    code: str
    template: str
    permission: str
    context: Callable[..., dict]  # (*, cadre, user) -> the template's context
    order: int = 100
    reveals: str | None = None  # the visibility fact (core.visibility) the card shows


RECORD_PANELS: dict[str, RecordPanel] = {}

# What recording a grade read from an .lrmx file does, or would do.
OFFER_NEW = "new"  # not on record: the import records it when confirmed
OFFER_SAVED = "saved"  # recorded by this import
OFFER_RECORDED = "recorded"  # already on record with the same grade: nothing to do
OFFER_CONFLICT = "conflict"  # on record with another grade, which is kept
OFFER_NOT_PERMITTED = "not_permitted"  # the user may not record appraisal results
OFFER_REFUSED = "refused"  # a year that cannot take a grade (after the current year): never recorded


@dataclass(frozen=True)
class OfferedGrade:
    """A yearly grade found in an .lrmx file's 年度考核结果, offered as an appraisal result."""

    year: int
    grade: str  # a grade code (cadres.choices.APPRAISAL_GRADE_FORM_LABELS)
    grade_label: Any
    status: str  # OFFER_*
    recorded: str = ""  # the grade already on record for the year, if any
    recorded_label: Any = ""


@dataclass(frozen=True)
class LrmxAppraisalSink:
    """Where the yearly grades of imported .lrmx files go; the appraisal system registers one."""

    code: str
    offer: Callable[..., list[OfferedGrade]]  # (*, cadre, grades, user) -> what saving would do; reads only
    save: Callable[..., list[OfferedGrade]]  # (*, cadre, grades, acting_user) -> records the new ones


LRMX_APPRAISAL_SINKS: dict[str, LrmxAppraisalSink] = {}


def _register(table: dict, key: str, value) -> None:
    # ready() may run again (tests that reload apps): the same entry twice is fine, two
    # different entries under one key are a mistake.
    if key in table and table[key] != value:
        raise ValueError(f"{key!r} is already registered")
    table[key] = value


def register_fact_loader(
    name: str, loader: FactLoader, *, reveals: str | None = None, many: Callable | None = None
) -> None:
    _register(FACT_LOADERS, name, loader)
    if many is not None:
        _register(FACT_LOADERS_MANY, name, many)
    if reveals is not None:
        _register(FACT_REVEALS, name, reveals)


def register_due_kind(kind: DueKind) -> None:
    _register(DUE_KINDS, kind.code, kind)
    register_notification_kind(kind.code, kind.label)  # the notification centre's filter names it


def register_record_panel(panel: RecordPanel) -> None:
    _register(RECORD_PANELS, panel.code, panel)


def register_lrmx_appraisal_sink(sink: LrmxAppraisalSink) -> None:
    _register(LRMX_APPRAISAL_SINKS, sink.code, sink)


# One of the four musts (cadres.models.CheckKind) that another system computes instead of HR
# recording it: the oversight system's integrity opinion closes 纪检监察机关意见必听.
CHECK_CLEAR, CHECK_OPEN = "clear", "open"


@dataclass(frozen=True)
class CheckState:
    state: str  # CHECK_CLEAR or CHECK_OPEN
    reason: str = ""  # why it is open (or what cleared it), in the reader's language
    warning: str = ""  # shown beside the state, never blocking (papers not handed in after a promotion)
    links: tuple[str, ...] = ()  # the records behind the state (paths of their pages)
    on: datetime.date | None = None  # the day of the record that cleared it: the decision comes after


@dataclass(frozen=True)
class CheckProvider:
    """A computed check: `states` answers for many candidates at once (one query), `request`
    (optional) runs in the transaction that adds a candidate, e.g. to ask for an opinion."""

    kind: str
    states: Callable[..., dict[int, CheckState]]  # (*, candidates) -> candidate id -> CheckState
    request: Callable[..., None] | None = None  # (*, candidate, acting_user)
    reveals: str | None = None  # the visibility fact a reason discloses; others see the state only


CHECK_PROVIDERS: dict[str, CheckProvider] = {}


def register_check_provider(provider: CheckProvider) -> None:
    _register(CHECK_PROVIDERS, provider.kind, provider)


@dataclass(frozen=True)
class RewardsSource:
    """Lines another system adds to a cadre's 奖惩情况 (the record page, the .lrmx file and the
    printed 任免审批表), before the text HR typed: the appraisal system's commendations."""

    code: str
    lines: Callable[..., list[str]]  # (*, cadre) -> the lines, oldest first; reads only
    reveals: str | None = None  # the visibility fact the lines disclose; None: anyone who sees the record


REWARDS_SOURCES: dict[str, RewardsSource] = {}


def register_rewards_source(source: RewardsSource) -> None:
    _register(REWARDS_SOURCES, source.code, source)


@dataclass(frozen=True)
class RaterNote:
    """A line raters are shown beside an appraisal dimension, from another system's records: the
    oversight system's 述责述廉 grade beside 廉. Information for the rater, never a score."""

    code: str
    dimension: str  # an appraisal dimension code (de, neng, qin, ji, lian)
    label: Any  # lazy text
    notes: Callable[..., dict[int, str]]  # (*, cadre_ids, year) -> cadre id -> one line
    reveals: str | None = None  # the visibility fact a line discloses; shown only to those who may see it


RATER_NOTES: dict[str, RaterNote] = {}


def register_rater_note(note: RaterNote) -> None:
    _register(RATER_NOTES, note.code, note)


def rater_notes(*, cadre_ids: list[int], year: int, user=None) -> dict[int, list[tuple[str, str]]]:
    """cadre id -> [(dimension, line)] of every registered note, one query per note. Without a
    user (the anonymous ballot page) only notes that reveal nothing are read."""
    found: dict[int, list[tuple[str, str]]] = {}
    for note in sorted(RATER_NOTES.values(), key=lambda n: n.code):
        if note.reveals is not None and (user is None or not may_see(user, note.reveals)):
            continue
        for cadre_id, line in note.notes(cadre_ids=list(cadre_ids), year=year).items():
            found.setdefault(cadre_id, []).append((note.dimension, line))
    return found


@dataclass(frozen=True)
class AppointmentHook:
    """Runs in the transaction that saves an appointment (cadres.services.appointments), e.g. the
    oversight system registers a new middle-level cadre whose papers go into custody."""

    code: str
    saved: Callable[..., None]  # (*, appointment, created, acting_user)


APPOINTMENT_HOOKS: dict[str, AppointmentHook] = {}


def register_appointment_hook(hook: AppointmentHook) -> None:
    _register(APPOINTMENT_HOOKS, hook.code, hook)


@dataclass(frozen=True)
class ReserveGuard:
    """A reason another system's records keep a cadre out of the reserve pool (后备干部), e.g. a
    concealed personal matter (瞒报); `refuses` answers the message, or "" when nothing bars."""

    code: str
    refuses: Callable[..., str]  # (*, cadre, on) -> message


RESERVE_GUARDS: dict[str, ReserveGuard] = {}


def register_reserve_guard(guard: ReserveGuard) -> None:
    _register(RESERVE_GUARDS, guard.code, guard)
