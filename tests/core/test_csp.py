"""The Content-Security-Policy (django.middleware.csp) holds with no 'unsafe-inline': pages carry
it, and neither the pages nor any template has an inline script, handler or style without the nonce."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE_HANDLER = re.compile(r"""<[^>]*\son[a-z]+\s*=""", re.I)
STYLE_ATTRIBUTE = re.compile(r"""<[^>]*\sstyle\s*=""", re.I)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
STYLE_TAG = re.compile(r"<style\b([^>]*)>", re.I)


def inline_problems(html: str, nonce: str | None) -> list[str]:
    problems = [f"handler: {m.group(0)[:80]}" for m in INLINE_HANDLER.finditer(html)]
    problems += [f"style attribute: {m.group(0)[:80]}" for m in STYLE_ATTRIBUTE.finditer(html)]
    problems += ["javascript: URL"] if "javascript:" in html else []
    for m in SCRIPT_TAG.finditer(html):
        attrs = m.group(1)
        if "src=" in attrs or 'type="application/json"' in attrs:  # json_script is data, never run
            continue
        if not nonce or f'nonce="{nonce}"' not in attrs:
            problems.append(f"inline script: {m.group(0)[:80]}")
    for m in STYLE_TAG.finditer(html):
        if not nonce or f'nonce="{nonce}"' not in m.group(1):
            problems.append(f"inline style: {m.group(0)[:80]}")
    return problems


def test_the_policy_refuses_inline_code():
    assert "'unsafe-inline'" not in str(settings.SECURE_CSP)
    assert "'unsafe-eval'" not in str(settings.SECURE_CSP)


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
)
def test_no_template_has_inline_code_but_a_nonced_style(path):
    text = (TEMPLATES / path).read_text()
    text = re.sub(r"\{#.*?#\}", "", text)  # a comment may name a tag
    assert inline_problems(text, nonce="{{ csp_nonce }}") == []


PAGES = [
    "/",
    "/cadres/",
    "/cadres/{pk}/",
    "/cadres/{pk}/appointment-form/",
    "/org/",
    "/dashboard/structure/",
    "/due/",
    "/selections/",
    "/oversight/complaints/",
    "/oversight/dashboard/",
    "/audit/reads/",
    "/api/docs/",
    "/no-such-page/",
]


@pytest.fixture
def cadre(tree):
    return CadreFactory(unit=tree.a)


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_the_policy_and_no_inline_code_without_its_nonce(client, users, cadre, path):
    client.force_login(users.admin)
    response = client.get(path.format(pk=cadre.pk), follow=True)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    # Django names a nonce in the header only when the page used it (the print pages' <style>).
    nonce = found.group(1) if (found := re.search(r"'nonce-([^']+)'", policy)) else None
    assert inline_problems(response.content.decode(), nonce) == []


def test_the_login_page_and_the_ballot_page_too(client):
    for path in ("/accounts/login/", "/ballot/"):
        response = client.get(path)
        assert "Content-Security-Policy" in response.headers, path
        assert inline_problems(response.content.decode(), None) == [], path
