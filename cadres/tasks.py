"""Background jobs of the cadres app."""

from celery import shared_task

from cadres.services.roster import roster_job_run


@shared_task(acks_late=True)
def roster_import_task(job_id: str) -> None:
    """Import (or dry-run) an uploaded roster, writing progress and the report to the cache."""
    roster_job_run(job_id=job_id)
