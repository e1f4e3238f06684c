"""The four musts of each candidate, recorded by HR or computed by another system
(cadres.registry.CHECK_PROVIDERS), in one shape for the API, the pages and the decision."""

from django.utils.translation import gettext as _

from cadres.models import CheckKind, CheckResult, SelectionCandidate
from cadres.registry import CHECK_CLEAR, CHECK_OPEN, CHECK_PROVIDERS, CheckState
from core.visibility import may_see


def computed_states(candidates: list[SelectionCandidate]) -> dict[str, dict[int, CheckState]]:
    """kind -> candidate id -> state, for every computed kind (one call per provider)."""
    return {kind: provider.states(candidates=candidates) for kind, provider in CHECK_PROVIDERS.items()}


def candidate_checks(
    candidate: SelectionCandidate, *, user=None, computed: dict[str, dict[int, CheckState]] | None = None
) -> list[dict]:
    """[{check, label, result, note, date, checked_at, state, reason, computed}] in CheckKind order:
    the recorded manual checks and every computed one. `user` None reads every reason."""
    computed = computed_states([candidate]) if computed is None else computed
    recorded = {c.kind: c for c in candidate.checks.all()}
    rows = []
    for kind, label in CheckKind.choices:
        if kind in CHECK_PROVIDERS:
            provider = CHECK_PROVIDERS[kind]
            found = computed[kind].get(candidate.pk) or CheckState(CHECK_OPEN, _("Not yet asked for."))
            shown = user is None or may_see(user, provider.reveals)
            override = recorded.get(kind)
            if override is not None and override.override and found.state != CHECK_CLEAR:
                # An administrator's override (cadres.services.selection.selection_record_check).
                reason = _("Cleared by an administrator's override: %(reason)s") % {"reason": override.note}
                rows.append(_row(kind, label, override, CHECK_CLEAR, reason, computed=True))
                continue
            row = _row(kind, label, None, found.state, found.reason if shown else "", computed=True)
            row["warning"] = found.warning if shown else ""
            row["links"] = list(found.links) if shown else []
            rows.append(row)
        elif kind in recorded:
            check = recorded[kind]
            state = CHECK_CLEAR if check.result == CheckResult.CLEAR else CHECK_OPEN
            rows.append(_row(kind, label, check, state, check.note, computed=False))
    return rows


def _row(kind, label, check, state, reason, *, computed: bool) -> dict:
    return {
        "check": kind,
        "label": label,
        "result": check.result if check else (CheckResult.CLEAR if state == CHECK_CLEAR else None),
        "note": check.note if check else "",
        "date": check.check_date if check else None,
        "checked_at": check.checked_at if check else None,
        "state": state,
        "reason": reason,
        "computed": computed,
        "override": bool(check and check.override),
        "warning": "",
        "links": [],
    }


def open_checks(candidate: SelectionCandidate, computed: dict[str, dict[int, CheckState]]) -> list[str]:
    """The labels of the four musts not clear for the candidate, a computed one with its reason."""
    rows = {row["check"]: row for row in candidate_checks(candidate, computed=computed)}
    lines = []
    for kind, label in CheckKind.choices:
        row = rows.get(kind)
        if row is None or row["state"] != CHECK_CLEAR:
            reason = row["reason"] if row and row["computed"] and row["reason"] else ""
            lines.append(f"{label}（{reason}）" if reason else str(label))
    return lines
