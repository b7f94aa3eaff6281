#!/usr/bin/env bash
# Installs a one-folder build of the Tambo desktop app (installers/build-desktop) on Linux.
#
#   sudo installers/linux/install-linux.sh dist/desktop/tambo                      # the app, for every user
#   sudo installers/linux/install-linux.sh --kiosk-user quiosco dist/desktop/tambo # and kiosk mode at login
#   sudo installers/linux/install-linux.sh --uninstall                             # removes it (not the data)
#
# Puts the folder in /opt/tambo (--prefix), `tambo` on the PATH (/usr/local/bin), the menu entry and the
# icon; with --kiosk-user USER, an autostart entry that opens `tambo --kiosk` when USER logs in (set
# that account to log in automatically: see docs/installing-desktop.md). --root DIR installs under DIR
# instead of / (to build a package, or to try it without root). The data (TAMBO_HOME, by default
# ~/.local/share/Tambo) is never touched: it belongs to each user.
set -euo pipefail

prefix=/opt/tambo
root=""
kiosk_user=""
uninstall=0
build=""
die() { printf 'install-linux: %s\n' "$*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?}"; shift 2 ;;
        --root) root="${2:?}"; shift 2 ;;
        --kiosk-user) kiosk_user="${2:?}"; shift 2 ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "opción desconocida: $1" ;;
        *) [ -z "$build" ] || die "sobra el argumento: $1"; build="$1"; shift ;;
    esac
done
case "$prefix" in /*) ;; *) die "--prefix debe ser una ruta absoluta: $prefix" ;; esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
apps="$root/usr/share/applications"
icons="$root/usr/share/icons/hicolor/scalable/apps"
bin="$root/usr/local/bin"

user_home() {
    local home
    home="$(getent passwd "$1" | cut -d: -f6)" || true
    [ -n "$home" ] || die "no existe el usuario $1"
    printf '%s%s' "$root" "$home"
}

if [ "$uninstall" = 1 ]; then
    rm -rf "${root}${prefix}"
    rm -f "$bin/tambo" "$apps/tambo.desktop" "$icons/tambo.svg"
    [ -z "$kiosk_user" ] || rm -f "$(user_home "$kiosk_user")/.config/autostart/tambo-kiosk.desktop"
    echo "Tambo desinstalado (los datos de cada usuario siguen en su carpeta)."
    exit 0
fi

[ -n "$build" ] || die "falta la carpeta de la compilación (p. ej. dist/desktop/tambo)"
[ -z "$kiosk_user" ] || kiosk_home="$(user_home "$kiosk_user")"  # a wrong name stops before any change
[ -x "$build/tambo" ] && [ -d "$build/_internal" ] || die "$build no es una compilación de una carpeta (falta tambo o _internal)"

# a new folder beside the old one, then swapped in: a failed copy leaves the installed app as it was
target="${root}${prefix}"
mkdir -p "$(dirname "$target")"
staging="$(mktemp -d "$(dirname "$target")/.tambo-install.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
cp -a "$build/." "$staging/"
chmod 755 "$staging"
if [ -e "$target" ]; then
    rm -rf "$target.old" && mv "$target" "$target.old"
fi
mv "$staging" "$target"
rm -rf "$target.old"
trap - EXIT

mkdir -p "$bin" "$apps" "$icons"
ln -sfn "$prefix/tambo" "$bin/tambo"
install -m 644 "$here/../assets/tambo.svg" "$icons/tambo.svg"
sed "s|@PREFIX@|$prefix|g" "$here/tambo.desktop" > "$apps/tambo.desktop"
chmod 644 "$apps/tambo.desktop"
echo "Tambo instalado en $prefix (comando: tambo; menú: Oficina > Tambo)."

# user_dir USER DIR: create DIR (and its missing parents) owned by USER when running as root for real
user_dir() {
    local user="$1" dir="$2"
    [ -d "$dir" ] && return 0
    user_dir "$user" "$(dirname "$dir")"
    mkdir -m 755 "$dir"
    if [ -z "$root" ] && [ "$(id -u)" -eq 0 ]; then chown "$user:" "$dir"; fi
}

if [ -n "$kiosk_user" ]; then
    autostart="$kiosk_home/.config/autostart"
    user_dir "$kiosk_user" "$autostart"
    entry="$autostart/tambo-kiosk.desktop"
    sed "s|@PREFIX@|$prefix|g" "$here/tambo-kiosk.desktop" > "$entry"
    chmod 644 "$entry"
    if [ -z "$root" ] && [ "$(id -u)" -eq 0 ]; then chown "$kiosk_user:" "$entry"; fi
    echo "Modo quiosco al iniciar sesión: $kiosk_user ($entry)."
fi
