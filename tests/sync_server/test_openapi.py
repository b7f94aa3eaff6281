"""The OpenAPI document describes every route of the device API."""

from __future__ import annotations

import re

import requests

from sync_server.app import create_app
from tests.sync_server.conftest import LiveServer

AUTOMATIC = {"OPTIONS"}


def api_routes(app) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        methods = set(rule.methods) - AUTOMATIC
        if "GET" in methods:
            methods.discard("HEAD")  # Flask answers HEAD for every GET route by itself
        routes |= {(path, method.lower()) for method in methods}
    return routes


def test_every_route_is_documented_and_nothing_else(live_server: LiveServer) -> None:
    document = requests.get(f"{live_server.url}/api/v1/openapi.json", timeout=10).json()
    documented = {(path, method) for path, operations in document["paths"].items() for method in operations}
    assert api_routes(create_app(live_server.settings)) == documented
    assert ("/attachments/{sha256}", "head") in documented


def test_every_schema_reference_resolves(live_server: LiveServer) -> None:
    document = requests.get(f"{live_server.url}/api/v1/openapi.json", timeout=10).json()
    text = str(document)
    references = set(re.findall(r"#/components/schemas/(\w+)", text))
    assert references
    assert references <= set(document["components"]["schemas"])
    assert {"PushRequest", "PushResponse", "Envelope", "ErrorBody", "PullResponse"} <= set(
        document["components"]["schemas"]
    )
    assert document["openapi"].startswith("3.1")


def test_signed_and_unsigned_operations_are_marked(live_server: LiveServer) -> None:
    paths = requests.get(f"{live_server.url}/api/v1/openapi.json", timeout=10).json()["paths"]
    assert paths["/enroll"]["post"]["security"] == []
    assert paths["/ping"]["get"]["security"] == []
    assert paths["/push"]["post"]["security"] == [{"deviceSignature": []}]
    assert "gzip" in paths["/push"]["post"]["description"]
