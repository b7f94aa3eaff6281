"""Filing cases for console tests through the real device path: a device enrolled over HTTP seals,
signs and pushes submissions to the live server, exactly as the desktop does."""

from __future__ import annotations

from typing import Any

from shared.protocol import PushResponse
from tests.sync_server.device_client import DeviceClient, valid_answers

CONSTANCIA = "constancia-domiciliaria"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def constancia_answers(**overrides: Any) -> dict[str, Any]:
    answers = {
        "dni": "45678912",
        "nombres": "Juana",
        "apellidos": "Condori Apaza",
        "domicilio": "Av. Puno 456",
        "distrito": "210501",
        "referencia": "Frente a la plaza",
        "celular": "987654321",
        "finalidad": "trabajo",
    }
    answers.update(overrides)
    return answers


def file_cases(
    device: DeviceClient,
    *answers_list: dict[str, Any],
    service_id: str = "solicitud-general",
    files: Any = (),
) -> list[str]:
    """Push one submission per answers dict; their ids, in order (each was accepted)."""
    sealed = [device.seal(a, service_id=service_id, files=files) for a in answers_list]
    if files:
        for item in sealed:
            for ref in item.envelope.attachments:
                device.upload(item.blobs[ref.sha256], media_type=ref.media_type)
    response = device.push([s.envelope for s in sealed])
    assert response.status_code == 200, response.text
    results = PushResponse.model_validate(response.json()).results
    assert [r.status for r in results] == ["accepted"] * len(sealed), results
    return [s.envelope.id for s in sealed]


def file_general(device: DeviceClient, count: int = 1, **overrides: Any) -> list[str]:
    return file_cases(device, *[valid_answers(**overrides) for _ in range(count)])


def pulled(device: DeviceClient, kind: str) -> list[dict[str, Any]]:
    changes, _ = device.pull_all()
    return [c for c in changes if c["kind"] == kind]
