"""The coordinator's round with the real ``tambo`` commands (subprocesses), as a person types them."""

from __future__ import annotations

import json

from tests.coordinators.support import flip_byte
from tests.desktop.test_cli_commands import tambo


def test_the_round_by_command_line(kiosk, relay, live_server, usb, tmp_path):
    kiosk.save()
    kiosk.save(files=1)
    kiosk.close()  # the commands open the stores themselves
    relay.close()

    exported = tambo(kiosk.home, "bundle", "export", str(usb))
    assert exported.returncode == 0, exported.stderr
    assert "2 solicitud(es), 1 adjunto(s)" in exported.stdout
    (bundle,) = usb.glob("*.tambo")
    inspected = tambo(kiosk.home, "bundle", "inspect", str(bundle), passphrase=None)
    assert inspected.returncode == 0, inspected.stderr
    assert "íntegro" in inspected.stdout

    collected = tambo(relay.home, "relay", "collect", str(usb))
    assert collected.returncode == 0, collected.stderr
    assert "Recogido: Quiosco Ccochaccasa, 2 solicitud(es)" in collected.stdout
    assert "Ya recogido antes" in tambo(relay.home, "relay", "collect", str(usb)).stdout
    status = tambo(relay.home, "relay", "status")
    assert "Quiosco Ccochaccasa" in status.stdout
    assert "por enviar 2 (1 paquete(s))" in status.stdout

    forwarded = tambo(relay.home, "relay", "forward", "--server", live_server.url)
    assert forwarded.returncode == 0, forwarded.stderr
    assert "2 recibida(s), 0 ya estaban" in forwarded.stdout
    status = tambo(relay.home, "relay", "status")
    assert "enviadas 2" in status.stdout
    assert "acuses por entregar 1" in status.stdout

    back = tmp_path / "usb-vuelta"
    delivered = tambo(relay.home, "relay", "deliver", str(back))
    assert delivered.returncode == 0, delivered.stderr
    (ack,) = back.glob("*.acuse")
    assert ack.stem == bundle.stem, "the acknowledgement is named like the bundle it answers"
    applied = tambo(kiosk.home, "bundle", "ack", str(back))
    assert applied.returncode == 0, applied.stderr
    assert "2 solicitud(es) confirmada(s)" in applied.stdout
    window = tambo(relay.home, "--coordinator", "--self-test")
    assert window.returncode == 0, window.stderr
    assert "Coordinación de sedes: ventana lista" in window.stdout

    listed = [json.loads(line) for line in tambo(kiosk.home, "list", "--json").stdout.splitlines()]
    assert [row["last_status"] for row in listed] == ["Recibido", "Recibido"]


def test_bad_files_are_named_with_exit_code_2(kiosk, relay, live_server, usb):
    kiosk.save()
    kiosk.close()
    relay.close()
    assert tambo(kiosk.home, "bundle", "export", str(usb / "p.tambo")).returncode == 0
    bundle = usb / "p.tambo"
    flip_byte(bundle, len(bundle.read_bytes()) - 30)
    inspected = tambo(kiosk.home, "bundle", "inspect", str(bundle), passphrase=None)
    assert inspected.returncode == 2
    assert "fue alterado o está dañado" in inspected.stderr
    uploaded = tambo(relay.home, "bundle", "upload", str(bundle), "--server", live_server.url)
    assert uploaded.returncode == 2
    assert "la solicitud" in uploaded.stderr
    collected = tambo(relay.home, "relay", "collect", str(usb))
    assert collected.returncode == 2
    assert "p.tambo" in collected.stderr
    bundle.write_bytes(bundle.read_bytes()[:100])
    applied = tambo(kiosk.home, "bundle", "ack", str(bundle))
    assert applied.returncode == 2
    assert "no es un acuse" in applied.stderr
