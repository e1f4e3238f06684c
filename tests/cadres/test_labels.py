"""Labels that said the wrong thing: a person's 姓名 (not 名称), the candidate's 已通过 (not
核定职数), and the appointment step's 任职人选 (not 反映对象)."""

from django.utils import translation

from cadres import forms_selection
from cadres.forms import CadreForm, FamilyFormSet
from cadres.models import Cadre, FamilyMember, OrgUnit, PostQuota, SelectionCandidate
from tests.factories import CadreFactory


def zh(text) -> str:
    with translation.override("zh-hans"):
        return str(text)


def test_a_persons_name_is_xingming_and_a_units_stays_mingcheng():
    assert zh(Cadre._meta.get_field("name").verbose_name) == "姓名"
    assert zh(FamilyMember._meta.get_field("name").verbose_name) == "姓名"
    assert zh(OrgUnit._meta.get_field("name").verbose_name) == "名称"


def test_approved_means_the_quota_on_a_quota_and_passed_on_a_candidate():
    assert zh(PostQuota._meta.get_field("approved").verbose_name) == "核定职数"
    assert zh(SelectionCandidate._meta.get_field("approved").verbose_name) == "已通过"


def test_the_appointment_step_names_the_cadre_to_appoint():
    assert zh(forms_selection.AppointForm.base_fields["cadre"].label) == "任职人选"
    assert zh(forms_selection.ObjectionForm.base_fields["cadre"].label) == "反映对象"


def test_the_record_form_and_the_family_rows_say_xingming(client, users, tree):
    client.force_login(users.hr)
    html = client.get("/cadres/new/").content.decode()
    assert ">姓名" in html and "名称" not in html
    with translation.override("zh-hans"):
        assert str(CadreForm.base_fields["name"].label) == "姓名"
        assert str(FamilyFormSet.form.base_fields["name"].label) == "姓名"


def test_the_api_schema_titles_a_cadres_name_xingming(client, users):
    client.force_login(users.hr)
    schema = client.get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]
    assert schema["Cadre"]["properties"]["name"]["title"] == "姓名"
    assert schema["FamilyMember"]["properties"]["name"]["title"] == "姓名"
    assert schema["OrgUnit"]["properties"]["name"]["title"] == "名称"


def test_the_roster_header_says_xingming(client, users, tree):
    CadreFactory(unit=tree.a)
    client.force_login(users.hr)
    assert "姓名" in client.get("/cadres/").content.decode()
