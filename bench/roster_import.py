"""Time a 10,000-row roster import (dry run, then save) against the configured database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre .venv/bin/python bench/roster_import.py [rows]

Everything it creates (a unit, a user, the cadres) is rolled back at the end.
"""

import datetime
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from cadres.demo.people import fake_id_number  # noqa: E402
from cadres.exchange.roster import COLUMNS  # noqa: E402
from cadres.models import Cadre, OrgUnit, OrgUnitKind  # noqa: E402
from cadres.services import org_unit_save  # noqa: E402
from cadres.services.roster import roster_import  # noqa: E402
from core.actors import system_actor  # noqa: E402
from core.models import User  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def roster_file(rows: int, unit_name: str, *, title: str = "副教授") -> bytes:
    rng = random.Random(7)
    headers = [column.header for column in COLUMNS if column.parse is not None]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("干部花名册")
    ws.append(headers)
    used = set()
    for index in range(rows):
        gender = rng.choice(["male", "female"])
        birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(0, 30 * 365))
        number = fake_id_number(rng=rng, birth=birth, gender=gender)
        while number in used:
            number = fake_id_number(rng=rng, birth=birth, gender=gender)
        used.add(number)
        values = {
            "姓名": rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice([1, 2]))),
            "性别": "男" if gender == "male" else "女",
            "民族": "汉族",
            "出生年月": f"{birth:%Y.%m}",
            "籍贯": "江苏南京",
            "身份证号": number,
            "政治面貌": "中共党员",
            "入党时间": f"{birth.year + 22}年7月",
            "参加工作时间": f"{birth.year + 23}-08",
            "学历": "硕士研究生",
            "学位": "硕士",
            "毕业院校及专业": "南京大学 计算机科学",
            "职称": title.format(index=index),
            "职称级别": "副高级",
            "现任单位": unit_name,
        }
        ws.append([values.get(header) for header in headers])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def timed(label: str, function):
    start = time.perf_counter()
    result = function()
    print(f"{label:<28} {time.perf_counter() - start:6.2f} s")
    return result


def _run(label: str, data: bytes, user, *, dry_run: bool = False) -> None:
    report = timed(label, lambda: roster_import(data=data, unit=None, acting_user=user, dry_run=dry_run))
    assert report.ok, report.errors[:5]
    print(f"{'':<28} rows={report.rows} created={report.created} updated={report.updated}")


def main(rows: int) -> None:
    with transaction.atomic():
        unit = org_unit_save(
            unit=OrgUnit(code="BENCH-ROSTER", name="基准测试单位", kind=OrgUnitKind.COLLEGE),
            acting_user=system_actor(),
        )
        user = User.objects.create(username="bench-roster", is_superuser=True)
        data = timed(f"write {rows} rows", lambda: roster_file(rows, unit.name))
        print(f"{'file size':<28} {len(data) / 1024:6.0f} KiB")
        _run("dry run", data, user, dry_run=True)
        _run("import (all new)", data, user)
        _run("re-import, nothing changed", data, user)
        _run("re-import, every row changed", roster_file(rows, unit.name, title="教授"), user)
        assert Cadre.objects.filter(unit=unit, professional_title="教授").count() == rows
        _run("re-import, each row its own", roster_file(rows, unit.name, title="教授{index}"), user)
        assert Cadre.objects.filter(unit=unit, professional_title="教授9").count() == 1
        transaction.set_rollback(True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
