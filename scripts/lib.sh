# Shared set-up for scripts/run.sh and scripts/test.sh: Debian packages, the virtualenv, the install.
# Sourced, not executed. Everything here is idempotent and quick when nothing changed.

TAMBO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$TAMBO_ROOT/.venv"

say() { printf '\033[1m[tambo]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[tambo] error:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "hace falta ser root (o tener sudo) para instalar paquetes de Debian: $*"
    fi
}

# ensure_debian_packages PKG...: install the Debian packages that are missing (apt-get update once).
ensure_debian_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || die "faltan paquetes (${missing[*]}) y este sistema no tiene apt-get"
    say "instalando paquetes de Debian: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
    for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    return 1
}

# Libraries Qt needs even offscreen (PySide6 wheels bundle Qt, not these), and a font with accents.
QT_RUNTIME_PACKAGES=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core)

ensure_venv() {
    local python
    python="$(find_python)" || { ensure_debian_packages python3 python3-venv; python="$(find_python)" ||
        die "se necesita Python >= 3.11"; }
    if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        local minor; minor="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        ensure_debian_packages "python${minor}-venv"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        say "creando el entorno virtual en .venv"
        "$python" -m venv "$VENV"
    fi
    local stamp="$VENV/.tambo-install" want
    want="$(cat "$TAMBO_ROOT/pyproject.toml" | sha256sum | cut -c1-16)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "instalando Tambo y sus dependencias (la primera vez tarda unos minutos)"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$TAMBO_ROOT[dev,server]" 2>&1 \
            | grep -v -e "^WARNING: Location" -e "BuildBackendWarning" || true
        "$VENV/bin/python" -c 'import shared, desktop, sync_server, PySide6, sqlcipher3' ||
            die "la instalación de dependencias falló (ver mensajes arriba)"
        echo "$want" > "$stamp"
    fi
}
