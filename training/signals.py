"""Keep the yearly hours totals (HoursTotal) true on the paths that bypass the services: a deleted
attendance or participant (the keyboard entry's removals, the admin, a session's or programme's
cascade) recomputes its cadre's year; a change of a source's credit flags recomputes every total,
since the flags decide which rows count (the settings row's figures do not: they are applied when
the list is read)."""

from django.db.models.signals import post_delete, post_save

from training.models import ProgrammeParticipant, SourceCredit, StudyAttendance


def _attendance_deleted(sender, instance: StudyAttendance, **kwargs) -> None:
    from training.models import StudySession
    from training.services import hours_totals_refresh

    day = StudySession.objects.filter(pk=instance.session_id).values_list("date", flat=True).first()
    years = [day.year] if day else None  # its session gone already: every year of the cadre
    hours_totals_refresh(cadre_ids=[instance.cadre_id], years=years)


def _participant_deleted(sender, instance: ProgrammeParticipant, **kwargs) -> None:
    from training.models import TrainingProgramme
    from training.services import hours_totals_refresh

    end = (
        TrainingProgramme.objects.filter(pk=instance.programme_id).values_list("end_date", flat=True).first()
    )
    hours_totals_refresh(cadre_ids=[instance.cadre_id], years=[end.year] if end else None)


def _flags_changed(sender, instance: SourceCredit, raw=False, **kwargs) -> None:
    from training.services import hours_totals_refresh

    if not raw:  # not while loading a fixture
        hours_totals_refresh()


def connect() -> None:
    post_delete.connect(
        _attendance_deleted, sender=StudyAttendance, dispatch_uid="training_totals_attendance"
    )
    post_delete.connect(
        _participant_deleted, sender=ProgrammeParticipant, dispatch_uid="training_totals_participant"
    )
    post_save.connect(_flags_changed, sender=SourceCredit, dispatch_uid="training_totals_flags_saved")
    post_delete.connect(_flags_changed, sender=SourceCredit, dispatch_uid="training_totals_flags_deleted")
