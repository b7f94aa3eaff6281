#!/usr/bin/env bash
# Sets everything up on a fresh Debian machine and runs the main job: the sync server on its embedded
# SQLite default with the demo catalog on 127.0.0.1, plus the desktop app pointed at it. Without a
# display the desktop app cannot open; the server keeps running until Ctrl+C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TAMBO_ROOT"

ensure_debian_packages "${QT_RUNTIME_PACKAGES[@]}" curl
ensure_venv

export TAMBO_SERVER_HOME="${TAMBO_SERVER_HOME:-$TAMBO_ROOT/.tambo/server}"
export TAMBO_HOME="${TAMBO_HOME:-$TAMBO_ROOT/.tambo/desktop}"
host=127.0.0.1
port="${TAMBO_PORT:-8765}"
url="http://$host:$port"

"$VENV/bin/tambo-server" init --demo
say "servidor en $url (datos en $TAMBO_SERVER_HOME)"
"$VENV/bin/tambo-server" run --host "$host" --port "$port" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 100); do
    curl -fsS "$url/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || die "el servidor no pudo arrancar (ver mensajes arriba)"
    sleep 0.2
done
curl -fsS "$url/healthz" >/dev/null || die "el servidor no responde en $url/healthz"
say "servidor listo: $url/healthz"

# The desktop joins the demo server by itself. Its staff passphrase is TAMBO_PASSPHRASE, else (demo
# only) one made at the first run and kept in .tambo/desktop-passphrase (0600); a store someone
# created with their own passphrase is left alone (register it from the menu Sincronización).
demo_pass="$TAMBO_ROOT/.tambo/desktop-passphrase"
if [ -z "${TAMBO_PASSPHRASE:-}" ] && { [ -s "$demo_pass" ] || [ ! -e "$TAMBO_HOME/keyslots.json" ]; }; then
    if [ ! -s "$demo_pass" ]; then
        mkdir -p "$(dirname "$demo_pass")"
        (umask 077 && "$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(12))' > "$demo_pass")
    fi
    TAMBO_PASSPHRASE="$(cat "$demo_pass")"
    export TAMBO_PASSPHRASE
    say "clave del personal de esta demostración: $demo_pass"
fi
if [ -n "${TAMBO_PASSPHRASE:-}" ]; then
    if "$VENV/bin/tambo" enroll --ticket "$TAMBO_SERVER_HOME/demo-ticket.json" \
        --office "Mesa de partes (demostración)" >/dev/null; then
        say "escritorio registrado en el servidor de demostración (se sincroniza solo)"
    else
        say "no se pudo registrar el escritorio con $TAMBO_SERVER_HOME/demo-ticket.json (ver el mensaje)"
    fi
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "${QT_QPA_PLATFORM:-}" = "offscreen" ]; then
    say "abriendo la aplicación de escritorio (datos en $TAMBO_HOME)"
    "$VENV/bin/tambo" --server "$url" || say "la aplicación de escritorio terminó con error"
    say "aplicación cerrada; el servidor sigue en $url (Ctrl+C para detenerlo)"
else
    say "no hay pantalla (DISPLAY y WAYLAND_DISPLAY están vacíos): la aplicación de escritorio no se abre."
    say "el servidor sigue en $url; pruebe: curl $url/api/v1/catalog   (Ctrl+C para detenerlo)"
fi
wait "$server_pid"
