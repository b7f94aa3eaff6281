"""``tambo bundle ...`` and ``tambo relay ...``: sync carried by hand (see docs/coordinators.md).

At the site (no link)::

    tambo bundle export /media/usb          # everything not yet acknowledged, in one signed file
    tambo bundle ack /media/usb             # the acknowledgements on the stick that are for this device

Anywhere with a link, on any enrolled device::

    tambo bundle upload PAQUETE.tambo       # hands it to the server; writes PAQUETE.acuse beside it

On the coordinator's laptop (relay mode, also in ``tambo --coordinator``)::

    tambo relay collect /media/usb          # check and take the bundles of every site on the stick
    tambo relay forward                     # upload what is carried (when there is a link)
    tambo relay deliver /media/usb          # put the acknowledgements on the stick for the way back
    tambo relay status                      # per site: last visit, carried, sent, acks to deliver

Exit codes as for every ``tambo`` command (2: a bad, cut or altered file, named with the reason), plus
8 when the server could not be reached (nothing is lost: try again later) and 9 when the server refuses
this device.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_bundle_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``bundle`` and ``relay`` subcommands, added to ``tambo``'s parser (handlers in
    :mod:`desktop.cli_bundle_commands`, imported only when one runs)."""
    bundle = commands.add_parser("bundle", help="paquetes de sincronización por USB (sedes sin conexión)")
    bundle_commands = bundle.add_subparsers(dest="bundle_command", required=True, metavar="SUBCOMANDO")
    export = bundle_commands.add_parser("export", help="escribe lo pendiente en un paquete firmado")
    export.add_argument("path", type=Path, help="archivo .tambo, o carpeta (p. ej. la memoria USB)")
    upload = bundle_commands.add_parser("upload", help="entrega al servidor un paquete de otro equipo")
    upload.add_argument("path", type=Path, help="archivo .tambo")
    upload.add_argument("--ack-out", type=Path, help="dónde guardar el acuse (por defecto junto al paquete)")
    upload.add_argument("--server", dest="command_server", help="URL del servidor (si no, el del registro)")
    ack = bundle_commands.add_parser("ack", help="aplica el acuse del servidor (archivo o carpeta)")
    ack.add_argument("path", type=Path, help="archivo .acuse, o carpeta con acuses de varias sedes")
    inspect = bundle_commands.add_parser("inspect", help="comprueba un paquete y muestra qué lleva")
    inspect.add_argument("path", type=Path)

    relay = commands.add_parser("relay", help="modo coordinador: llevar paquetes de varias sedes")
    relay_commands = relay.add_subparsers(dest="relay_command", required=True, metavar="SUBCOMANDO")
    collect = relay_commands.add_parser("collect", help="recoge (y comprueba) los paquetes de una carpeta")
    collect.add_argument("path", type=Path)
    forward = relay_commands.add_parser("forward", help="envía al servidor los paquetes recogidos")
    forward.add_argument("--server", dest="command_server", help="URL del servidor (si no, el del registro)")
    deliver = relay_commands.add_parser("deliver", help="copia los acuses para llevarlos a las sedes")
    deliver.add_argument("path", type=Path)
    relay_commands.add_parser("status", help="por sede: última visita, pendientes, enviados, acuses")
