"""The handlers of ``tambo bundle ...`` and ``tambo relay ...`` (parser and usage in
:mod:`desktop.cli_bundles`)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from desktop.bundles.acks import AckResult, apply_ack_file, apply_ack_folder
from desktop.bundles.export import export_bundle
from desktop.bundles.relay import Relay
from desktop.bundles.upload import relay_client, upload_bundle
from desktop.cli_commands import _with_backend, command
from desktop.cli_sync import EXIT_INCOMPLETE, EXIT_REFUSED, server_option
from desktop.ops.backend import LocalBackend
from desktop.ops.home import data_home
from desktop.store.files import replace_durably
from desktop.sync.errors import ServerRefusal, TransientError
from shared import errors
from shared.errors import TamboError
from shared.protocol.bundle_acks import ACK_SUFFIX
from shared.protocol.bundles import check_bundle_file

EXIT_OK, EXIT_BAD_INPUT = 0, 2
_DEVICE_REFUSALS = (errors.DEVICE_REVOKED, errors.DEVICE_UNKNOWN, errors.AUTH_BAD_SIGNATURE)


def _bad_file(exc: TamboError) -> int:
    print(f"tambo: {exc.message()}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _network_exit(exc: TamboError) -> int:
    print(f"tambo: {exc.message()}", file=sys.stderr)
    if isinstance(exc, ServerRefusal) and exc.code in _DEVICE_REFUSALS:
        return EXIT_REFUSED
    if isinstance(exc, TransientError):
        return EXIT_INCOMPLETE
    return EXIT_BAD_INPUT if exc.code.startswith("bundle.") else 1


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%d/%m/%Y %H:%M") if value else "—"


# --- bundle ---------------------------------------------------------------------------------------
@command("bundle export")
def bundle_export(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        result = export_bundle(backend.store, args.path)
        print(f"Paquete {result.path}: {result.envelopes} solicitud(es), {result.attachments} adjunto(s).")
        for code in result.skipped:
            print(f"  no incluida {code}: falta un adjunto o está dañado en este equipo", file=sys.stderr)
        return EXIT_OK

    return _with_backend(run)


@command("bundle inspect")
def bundle_inspect(args: argparse.Namespace) -> int:
    try:
        manifest = check_bundle_file(args.path)
    except TamboError as exc:
        return _bad_file(exc)
    site = manifest.office or manifest.device_name or manifest.device_id
    written = _when(manifest.created_at)
    print(f"Paquete íntegro y firmado por {manifest.device_id} ({site}), escrito el {written}.")
    items = f"{len(manifest.envelopes)} solicitud(es), {len(manifest.blobs)} adjunto(s)"
    print(f"{items}, {manifest.total_bytes} bytes.")
    for entry in manifest.envelopes:
        print(f"  {entry.tracking_code}")
    return EXIT_OK


@command("bundle upload")
def bundle_upload(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        client = relay_client(backend.store, server_option(args))
        try:
            result = upload_bundle(client, args.path)
        except TamboError as exc:
            return _network_exit(exc)
        finally:
            client.close()
        target = args.ack_out or args.path.with_suffix(ACK_SUFFIX)
        replace_durably(target, result.ack)
        summary = result.response.summary
        print(
            f"Paquete de {result.response.device_name}: {summary.accepted} recibida(s), "
            f"{summary.duplicate} ya estaban, {summary.rejected + summary.conflict} rechazada(s)."
        )
        print(f"Acuse en {target}: llévelo a la sede y aplíquelo con «tambo bundle ack».")
        return EXIT_OK

    return _with_backend(run)


def _print_ack(name: str, result: AckResult) -> None:
    print(
        f"{name}: {result.sent} solicitud(es) confirmada(s), {result.already_sent} ya lo estaban, "
        f"{result.rejected} rechazada(s), {result.waiting} en espera; {result.changes_applied} novedad(es)."
    )
    if result.has_more:
        print("  Hay más novedades en el servidor: llegarán con el próximo paquete o sincronización.")


@command("bundle ack")
def bundle_ack(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        if not args.path.is_dir():
            try:
                _print_ack(args.path.name, apply_ack_file(backend.store, args.path))
            except TamboError as exc:
                if exc.code.startswith("bundle.") or exc.code == errors.INPUT_FILE_UNREADABLE:
                    return _bad_file(exc)
                raise
            return EXIT_OK
        outcome = apply_ack_folder(backend.store, args.path)
        for name, result in outcome.applied:
            _print_ack(name, result)
        for name, exc in outcome.failed:
            print(f"tambo: {name}: {exc.message()}", file=sys.stderr)
        if not outcome.applied and not outcome.failed:
            print(f"No hay acuses para este equipo en {args.path} ({outcome.others} de otras sedes).")
        return EXIT_BAD_INPUT if outcome.failed else EXIT_OK

    return _with_backend(run)


# --- relay ----------------------------------------------------------------------------------------
@command("relay collect")
def relay_collect(args: argparse.Namespace) -> int:
    report = Relay(data_home()).collect(args.path)
    for manifest in report.collected:
        site = manifest.office or manifest.device_name or manifest.device_id
        written = _when(manifest.created_at)
        print(f"Recogido: {site}, {len(manifest.envelopes)} solicitud(es), escrito el {written}.")
    for name in report.already:
        print(f"Ya recogido antes: {name}")
    for refusal in report.refused:
        print(f"tambo: {refusal.name}: {refusal.message}", file=sys.stderr)
    return EXIT_BAD_INPUT if report.refused else EXIT_OK


@command("relay forward")
def relay_forward(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        client = relay_client(backend.store, server_option(args))
        try:
            report = Relay(data_home()).forward(client)
        finally:
            client.close()
        for manifest, summary in report.forwarded:
            site = manifest.office or manifest.device_name or manifest.device_id
            print(f"Enviado: {site}: {summary.accepted} recibida(s), {summary.duplicate} ya estaban.")
        for refusal in report.refused:
            print(f"tambo: rechazado {refusal.name}: {refusal.message}", file=sys.stderr)
        if report.stopped is not None:
            return _network_exit(report.stopped)
        return EXIT_BAD_INPUT if report.refused else EXIT_OK

    return _with_backend(run)


@command("relay deliver")
def relay_deliver(args: argparse.Namespace) -> int:
    written = Relay(data_home()).deliver(args.path)
    for path in written:
        print(f"Acuse listo: {path}")
    if not written:
        print("No hay acuses por entregar.")
    return EXIT_OK


@command("relay status")
def relay_status(args: argparse.Namespace) -> int:
    sites = Relay(data_home()).sites()
    if not sites:
        print("Todavía no se recogió ningún paquete.")
    for site in sites:
        print(
            f"{site.name}\túltima visita {_when(site.last_visit)}\tpor enviar {site.carrying_items} "
            f"({site.carrying_bundles} paquete(s))\tenviadas {site.forwarded_items}\t"
            f"acuses por entregar {site.acks_to_deliver}"
        )
    return EXIT_OK
