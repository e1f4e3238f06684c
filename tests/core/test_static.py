"""Vendored assets are what VERSIONS.txt says, and collect with the manifest storage production uses."""

import hashlib
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "vendor"


def vendored_table() -> dict[str, str]:
    rows = {}
    for line in (VENDOR / "VERSIONS.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            path, _package, _license, _source, sha256 = line.split("\t")
            rows[path] = sha256
    return rows


def test_every_vendored_file_is_listed_with_its_checksum():
    table = vendored_table()
    on_disk = {
        str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.is_file() and p.name != "VERSIONS.txt"
    }
    assert on_disk == set(table)
    for path, sha256 in table.items():
        assert hashlib.sha256((VENDOR / path).read_bytes()).hexdigest() == sha256, path


@pytest.mark.parametrize("path", sorted(p for p in vendored_table() if p.endswith((".js", ".css"))))
def test_source_maps_named_by_a_vendored_file_exist(path):
    text = (VENDOR / path).read_text(encoding="utf-8", errors="replace")
    for line in text.splitlines()[-3:]:
        if "sourceMappingURL=" in line:
            target = line.split("sourceMappingURL=", 1)[1].strip(" */")
            assert (VENDOR / path).with_name(target).is_file(), f"{path} names a missing {target}"


def test_collectstatic_with_the_manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").is_file()
