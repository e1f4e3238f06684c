"""The OpenAPI schema documents every operation's error answers, in the one error body."""

import json
import re

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework import serializers

from cadres.models import Appointment
from core.api.schema import AutoSchema

ERROR = {"$ref": "#/components/schemas/Error"}


def document() -> dict:
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


def json_schema(response: dict) -> dict:
    return response["content"]["application/json"]["schema"]


def test_every_operation_documents_its_errors_in_the_error_body():
    schema = document()
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"code", "message", "fields"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"401", "404"} <= responses.keys(), (method, path)
            if any(p["in"] == "query" for p in operation.get("parameters", [])) or "requestBody" in operation:
                assert "400" in responses, (method, path)
            for code, response in responses.items():
                if code.startswith("4"):
                    documented = json_schema(response)
                    assert documented == ERROR or ERROR in documented["anyOf"], (method, path, code)


def test_an_error_documented_with_its_own_body_may_also_be_the_error_body():
    responses = document()["paths"]["/api/v1/cadres/import/"]["post"]["responses"]
    assert json_schema(responses["400"]) == {"anyOf": [{"$ref": "#/components/schemas/ImportReport"}, ERROR]}


def test_a_read_only_choice_that_may_be_blank_says_so():
    class Probation(serializers.ModelSerializer):
        class Meta:
            model = Appointment
            fields = ["probation_result"]
            read_only_fields = fields

    field = Probation().fields["probation_result"]
    assert field.allow_blank is False  # DRF drops it for read-only fields
    assert "" in AutoSchema()._map_serializer_field(field, "response")["enum"]


SYSTEM_TAGS = {"cadres", "appraisal", "oversight", "training", "system"}


def test_every_operation_has_a_system_tag_and_a_chinese_summary():
    schema = document()  # generated in the default language, zh-hans
    assert {tag["name"] for tag in schema["tags"]} == SYSTEM_TAGS
    assert {tag["name"]: tag["description"] for tag in schema["tags"]}["cadres"].startswith("选人用人")
    tags_used = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert len(operation["tags"]) == 1 and operation["tags"][0] in SYSTEM_TAGS, (method, path)
            tags_used.add(operation["tags"][0])
            summary = operation.get("summary", "")
            assert summary.strip(), (method, path)
            assert re.search(r"[\u4e00-\u9fff]", summary), (method, path, summary)  # translated
    assert tags_used == SYSTEM_TAGS
    paths = schema["paths"]
    assert paths["/api/v1/sanctions/"]["get"]["tags"] == ["oversight"]
    assert paths["/api/v1/appraisal-results/"]["post"]["tags"] == ["appraisal"]
    assert paths["/api/v1/me/"]["get"] == paths["/api/v1/me/"]["get"] | {
        "tags": ["system"],
        "summary": "当前用户",
    }
    assert paths["/api/v1/cadres/import/"]["post"]["summary"] == "导入干部花名册（.xlsx）"


def test_the_docs_page_serves_the_grouped_schema(api, users):
    response = api(users.hr).get("/api/schema/?format=json")
    assert response.status_code == 200
    assert {tag["name"] for tag in response.json()["tags"]} == SYSTEM_TAGS
    assert api(users.hr).get("/api/docs/").status_code == 200
