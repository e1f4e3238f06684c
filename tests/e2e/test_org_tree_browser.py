"""HR staff log in, open the org tree, add a unit and see it: in a real headless Chromium."""

from core.roles import HR
from tests.e2e.conftest import E2E
from tests.factories import UserFactory

pytestmark = E2E


def test_hr_adds_a_unit_and_sees_it_in_the_tree(
    live_server, page, tree, transactional_db, django_db_serialized_rollback
):
    from playwright.sync_api import expect

    UserFactory(username="hr-e2e", role=HR, scope_unit=tree.root)

    page.goto(f"{live_server.url}/org/")
    page.fill("#id_username", "hr-e2e")
    page.fill("#id_password", "pw-Cadre@2026")
    page.click("button[type=submit]")

    expect(page.locator(".org-tree").get_by_text("信息工程学院", exact=True)).to_be_visible()

    page.get_by_role("link", name="新增单位").click()
    page.fill("#id_code", "A9")
    page.fill("#id_name", "人工智能实训中心")
    page.select_option("#id_kind", "sub_unit")
    page.select_option("#id_parent", str(tree.a.pk))
    page.get_by_role("button", name="保存").click()

    # The unit panel arrives by htmx after the page: expect() waits for it.
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator(".org-tree").get_by_text("人工智能实训中心")).to_be_visible()
    expect(page.locator("#unit-detail").get_by_text("人工智能实训中心")).to_be_visible()
