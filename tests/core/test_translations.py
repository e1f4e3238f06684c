"""The Chinese UI is complete: every message has a translation, and the compiled catalogue is current."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

PO = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def entries():
    for block in PO.read_text().split("\n\n")[1:]:
        msgid = "".join(
            re.findall(r'^msgid "(.*)"', block, re.M) + re.findall(r'^msgid ".*"\n((?:".*"\n)+)', block, re.M)
        )
        yield msgid, block


def test_every_message_is_translated():
    untranslated = [
        msgid
        for msgid, block in entries()
        if re.search(r'^msgstr(\[0\])? ""\s*$', block, re.M)
        and not re.search(r'^msgstr(\[0\])? ""\n"', block, re.M)
    ]
    assert untranslated == []


def test_no_fuzzy_translations():
    fuzzy = [msgid for msgid, block in entries() if re.search(r"^#,.*\bfuzzy\b", block, re.M)]
    assert fuzzy == []


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext is not installed")
def test_compiled_catalogue_is_current(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), "run `make messages`"
