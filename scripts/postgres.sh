# Sourced by scripts/test.sh: a private PostgreSQL cluster on 127.0.0.1 for the test suite.
# Installs Debian's postgresql when missing, creates the cluster once in .tambo/pg, starts it when it is
# not running, and exports TAMBO_TEST_POSTGRES_URL. fsync stays on: tests see real durability costs.

TAMBO_PG_DIR="${TAMBO_PG_DIR:-$TAMBO_ROOT/.tambo/pg}"

# The port is chosen when the cluster is created (54329, or a free one when another cluster, say a second
# checkout's, already holds it) and read back from the cluster's own configuration afterwards.
choose_pg_port() {
    python3 - "${TAMBO_PG_PORT:-54329}" <<'PY'
import socket, sys
wanted = int(sys.argv[1])
def free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True
port = wanted if free(wanted) else next(p for p in range(wanted + 1, wanted + 200) if free(p))
print(port)
PY
}

pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_postgres() {
    ensure_debian_packages postgresql
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -x "$bin/initdb" ] || die "no se encontró initdb de PostgreSQL"
    mkdir -p "$(dirname "$TAMBO_PG_DIR")"
    if [ ! -s "$TAMBO_PG_DIR/PG_VERSION" ]; then
        say "creando un clúster de PostgreSQL para las pruebas en $TAMBO_PG_DIR"
        mkdir -p "$TAMBO_PG_DIR"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$TAMBO_PG_DIR"
        chmod 700 "$TAMBO_PG_DIR"
        pg_as_owner "$bin/initdb" -D "$TAMBO_PG_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        TAMBO_PG_PORT="$(choose_pg_port)"
        cat >> "$TAMBO_PG_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $TAMBO_PG_PORT
unix_socket_directories = '$TAMBO_PG_DIR'
max_connections = 200
fsync = on
CONF
    fi
    TAMBO_PG_PORT="$(sed -n 's/^port = \([0-9]*\)$/\1/p' "$TAMBO_PG_DIR/postgresql.conf" | tail -n 1)"
    if ! pg_as_owner "$bin/pg_ctl" -D "$TAMBO_PG_DIR" status >/dev/null 2>&1; then
        say "arrancando PostgreSQL en 127.0.0.1:$TAMBO_PG_PORT"
        pg_as_owner "$bin/pg_ctl" -D "$TAMBO_PG_DIR" -l "$TAMBO_PG_DIR/server.log" -w -t 60 start >/dev/null ||
            die "PostgreSQL no arrancó; ver $TAMBO_PG_DIR/server.log"
    fi
    export TAMBO_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$TAMBO_PG_PORT/postgres"
}
