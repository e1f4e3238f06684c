"""Who holds which post when. Appointments arrive with the cadre record; until then no
post is filled."""

import datetime


def filled_counts_by_unit_level(*, unit_ids, on: datetime.date) -> dict[tuple[int, int], int]:
    return {}
