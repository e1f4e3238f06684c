"""HR staff search the roster, open a record and press Back: the whole styled page with the
search results comes back, not the bare table htmx fetched (in a real headless Chromium)."""

import re

from core.roles import HR
from tests.e2e.conftest import E2E
from tests.factories import CadreFactory, UserFactory

pytestmark = E2E


def test_back_after_a_search_shows_the_full_page(
    live_server, page, tree, transactional_db, django_db_serialized_rollback
):
    from playwright.sync_api import expect

    UserFactory(username="hr-e2e", role=HR, scope_unit=tree.root)
    CadreFactory(unit=tree.a, name="张伟")
    CadreFactory(unit=tree.b, name="李娜", gender="female")

    page.goto(f"{live_server.url}/cadres/")
    page.fill("#id_username", "hr-e2e")
    page.fill("#id_password", "pw-Cadre@2026")
    page.click("button[type=submit]")
    expect(page.locator("#cadre-table").get_by_text("李娜")).to_be_visible()

    page.fill("#id_q", "zw")
    page.locator("#roster-filter button[type=submit]").click()
    expect(page.locator("#cadre-table").get_by_text("李娜")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/cadres/\?.*q=zw"))  # htmx pushed the search

    page.locator("#cadre-table").get_by_role("link", name="张伟").click()
    expect(page.locator("h1")).to_contain_text("张伟")

    page.go_back()
    expect(page.locator("nav.navbar")).to_be_visible()  # the base layout, styled
    expect(page.locator("#roster-filter")).to_be_visible()
    expect(page.locator("#id_q")).to_have_value("zw")
    expect(page.locator("#cadre-table").get_by_role("link", name="张伟")).to_be_visible()
    expect(page.locator("#cadre-table").get_by_text("李娜")).to_have_count(0)
    assert page.evaluate("getComputedStyle(document.querySelector('nav.navbar')).display") != "inline"

    # Back again after a reload of the pushed URL with htmx's history cache gone: the server
    # answers the history-restore request with the whole page too.
    page.evaluate("localStorage.clear()")
    page.locator("#cadre-table").get_by_role("link", name="张伟").click()
    expect(page.locator("h1")).to_contain_text("张伟")
    page.go_back()
    expect(page.locator("#roster-filter")).to_be_visible()
    expect(page.locator("#cadre-table").get_by_role("link", name="张伟")).to_be_visible()
