"""EXPLAIN (ANALYZE, BUFFERS) of every query the one-box search issues, as the province user:

DATABASE_URL=postgres://…/cadre_bench .venv/bin/python bench/explain_search.py sz 张伟 组织部 院长
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from cadres.demo.province import PROVINCE_USER  # noqa: E402
from cadres.selectors.cadres import cadre_search, cadres_visible  # noqa: E402
from core.models import User  # noqa: E402


def explain(q: str, user) -> None:
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as captured:
        found = cadre_search(cadres_visible(user=user, on=today), q=q, on=today)
        found = found.order_by("unit__path", "name", "id")
        total = found.count()
        list(found[:20])
    print(f"=== q={q!r}: {total} matches")
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            print("--", query["sql"][:120], "…")
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    province = User.objects.get(username=PROVINCE_USER)
    for term in sys.argv[1:]:
        explain(term, province)
