"""The UI is Chinese whatever the browser says, until a user picks another language."""


def test_chinese_for_an_english_browser(client, users):
    client.force_login(users.hr)
    response = client.get("/org/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "组织机构" in response.content.decode()
    assert response["Content-Language"] == "zh-hans"


def test_english_when_chosen(client, users):
    client.force_login(users.hr)
    client.post("/i18n/setlang/", {"language": "en", "next": "/org/"})
    html = client.get("/org/").content.decode()
    assert "Org structure" in html and "组织机构" not in html


def test_unknown_language_cookie_falls_back_to_chinese(client, users, settings):
    client.force_login(users.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert "组织机构" in client.get("/org/").content.decode()
