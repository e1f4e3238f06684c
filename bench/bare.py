"""The benchmark's yardstick: a bare Django view, 20 rows of the cadre table by raw SQL.

It goes through the same middleware as every page (sessions, auth, CSRF, htmx, history, axes)
but does no ORM, no serialiser and no template: what a request costs the framework itself.
Mounted only by `bench.urls` (the benchmark's URLconf), never by the site's own.
"""

from django.db import connection
from django.http import JsonResponse

BARE_SQL = "SELECT id, name, gender, birth_date, unit_id, status FROM cadres_cadre ORDER BY id LIMIT 20"


def bare_cadres(request):
    with connection.cursor() as cursor:
        cursor.execute(BARE_SQL)
        columns = [c.name for c in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return JsonResponse({"results": rows})
