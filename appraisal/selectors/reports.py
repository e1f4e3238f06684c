"""Reads of self reports: per cycle for HR, and per participant for a rater holding a code."""

from appraisal.models import AppraisalCycle, SelfReport


def self_reports(*, cycle: AppraisalCycle) -> dict[int, SelfReport]:
    """participant id → report, one query."""
    rows = SelfReport.objects.filter(participant__cycle=cycle, participant__removed=False)
    return {row.participant_id: row for row in rows}
