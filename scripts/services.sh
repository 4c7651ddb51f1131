#!/usr/bin/env bash
# Installs (when missing) and starts the services Knooppunt's tests need, on loopback:
#   RabbitMQ  from Debian's packages          127.0.0.1:5672 (management HTTP API on :15672)
#   FerretDB  1.24.2 from the Go module proxy 127.0.0.1:27017 (MongoDB wire protocol, SQLite backend)
#   FerretDB  the same binary                 127.0.0.1:27018 (PostgreSQL backend: concurrent writers)
#   PostgreSQL from Debian's packages         127.0.0.1:5433  (a cluster of our own under the state
#                                             dir, trust on loopback; never the system's cluster)
# and the tools the tests use: faketime, promtool and chromium (Debian's packages), and
# schemathesis (PyPI, pinned, in a virtual environment of its own) for the API fuzzing test.
# Usage: scripts/services.sh start|stop|status
# Safe to run twice: a service that already answers is left alone.
set -euo pipefail

FERRETDB_VERSION=v1.24.2
SCHEMATHESIS_VERSION=4.32.5
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE_DIR=${KNOOPPUNT_SERVICES_DIR:-$ROOT/.tmp/services}
CACHE_DIR=${KNOOPPUNT_CACHE_DIR:-$HOME/.cache/knooppunt}
# "-idx2": built with the two index patches below (a binary built without them is not reused).
FERRETDB_BIN=$CACHE_DIR/bin/ferretdb-$FERRETDB_VERSION-idx2
MONGO_PORT=${KNOOPPUNT_MONGO_PORT:-27017}
MONGO_PG_PORT=${KNOOPPUNT_MONGO_PG_PORT:-27018}
PG_PORT=${KNOOPPUNT_PG_PORT:-5433}
PG_DIR=$STATE_DIR/postgres
# FerretDB 1.24's update holds a pooled PostgreSQL connection for its query while it takes a
# second one for the write's transaction: with its default pool of 50 and 50 updates at once (a
# hub's driver opens up to 100 connections) every connection waits for another, for good
# (measured: the bench's hub on 27018 stopped within seconds, 50 connections idle in
# PostgreSQL, every FerretDB goroutine in pgxpool.Acquire). Twice the connections of two hubs'
# drivers and then some.
FERRETDB_PG_POOL=500
AMQP_PORT=5672
MANAGEMENT_PORT=15672

log() { printf '[services] %s\n' "$*" >&2; }

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local name=$1 port=$2 seconds=$3
  for _ in $(seq 1 "$seconds"); do
    port_open "$port" && { log "$name answers on 127.0.0.1:$port"; return 0; }
    sleep 1
  done
  log "$name did not answer on 127.0.0.1:$port within ${seconds}s"
  return 1
}

install_rabbitmq() {
  command -v rabbitmq-server >/dev/null && return 0
  log "installing rabbitmq-server from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q rabbitmq-server >/dev/null
  # Debian's package starts the service through its init script where it can; we manage it ourselves.
  rabbitmqctl stop >/dev/null 2>&1 || true
}

# Tools the test command uses (scripts/test.mjs): faketime runs the unit, contract and
# integration suites again with the system clock moved; promtool (Debian's `prometheus`
# package, the server itself is not started) checks and tests the alerting rules.
install_debian() {
  local command=$1 package=$2
  command -v "$command" >/dev/null && return 0
  log "installing $package from Debian's packages (for $command)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "$package" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "$package" >/dev/null; }
}
install_tools() {
  install_debian faketime faketime
  install_debian promtool prometheus
  # The console's browser test drives Debian's chromium (playwright's own download is not
  # reachable here), with a font so that its screenshots show text.
  install_debian chromium chromium
  [ -d /usr/share/fonts/truetype/dejavu ] || install_debian no-such-command fonts-dejavu-core
  install_schemathesis
}

# schemathesis fuzzes the hub's OpenAPI document (test/hostile/schemathesis.test.ts). It comes
# from PyPI at a pinned version, into a virtual environment under the cache; the test runs
# $CACHE_DIR/bin/schemathesis, a link to it. `.installed` marks a complete install, so an
# interrupted one is redone rather than reused. A failed install does not stop the services:
# the fuzzing test then says what is missing (and fails in CI).
install_schemathesis() {
  local venv=$CACHE_DIR/schemathesis-$SCHEMATHESIS_VERSION
  if [ ! -f "$venv/.installed" ]; then
    log "installing schemathesis $SCHEMATHESIS_VERSION from PyPI (first run only)"
    rm -rf "$venv"
    # Debian's python3 makes virtual environments only with its python3-venv package.
    if ! { python3 -m venv "$venv" 2>/dev/null ||
      { rm -rf "$venv" && install_debian no-such-command python3-venv && python3 -m venv "$venv"; }; } ||
      ! "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"; then
      log "schemathesis could not be installed"
      rm -rf "$venv"
      return 0
    fi
    touch "$venv/.installed"
  fi
  mkdir -p "$CACHE_DIR/bin"
  ln -sfn "$venv/bin/schemathesis" "$CACHE_DIR/bin/schemathesis"
}

# FerretDB's `go install` build panics at start ("Invalid build/version/version.txt"): the
# version file is generated by its own build tooling and is not in the module. So we build the
# module's source from the Go module proxy with that one file written, as its docs describe.
#
# Two patches. The first: FerretDB 1.24.2's SQLite backend looks documents up by `_id` with the
# expression `_ferretdb_sjson->'$._id'` while it indexes `_ferretdb_sjson->"_id"`; SQLite uses an
# expression index only for the identical expression, so every `_id` lookup, update and delete
# scanned the whole table, parsing every document's JSON (EXPLAIN QUERY PLAN: "SCAN" against
# "SEARCH … USING INDEX …__id_"). Ledger operations then grew with the collection (10 ms per
# update at 1,000 messages and rising) where MongoDB answers from its `_id` index. The patch
# makes the lookup use the indexed expression; same semantics, same files on disk.
#
# The second, for the PostgreSQL backend: it pushes an equality filter down as
# `_jsonb->'_id' @> '"…"'`, and `@>` cannot use the btree index on `(_jsonb->'_id')`, so every
# `findOne({_id})` (and the lookup before each `updateOne({_id})`) was a sequential scan
# (24 ms at 20,000 documents, 2 ms with the patch). The patch sends `_id` equal to a string or
# ObjectId as `_jsonb->'_id' = '"…"'`, the form FerretDB itself uses for updates and deletes by
# `_id`; FerretDB filters the rows it gets again, so the result is the same.
install_ferretdb() {
  [ -x "$FERRETDB_BIN" ] && return 0
  command -v go >/dev/null || { log "go is required to build FerretDB"; return 1; }
  log "building FerretDB $FERRETDB_VERSION from the Go module proxy (first run only)"
  local src
  src=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { log "go mod download gave no source directory"; return 1; }
  local build
  build=$(mktemp -d)
  cp -r "$src/." "$build/"
  chmod -R u+w "$build"
  echo "$FERRETDB_VERSION" >"$build/build/version/version.txt"
  local metadata=$build/internal/backends/sqlite/metadata/metadata.go
  grep -q "IDColumn = DefaultColumn + \"->'\$._id'\"" "$metadata" ||
    { log "FerretDB source changed: the _id index patch no longer applies"; return 1; }
  sed -i "s|IDColumn = DefaultColumn + \"->'\$._id'\"|IDColumn = DefaultColumn + \`->\"_id\"\`|" "$metadata"
  local query=$build/internal/backends/postgresql/query.go
  grep -qF 'case float64, string, types.ObjectID, bool, time.Time, int32, int64:' "$query" ||
    { log "FerretDB source changed: the PostgreSQL _id patch no longer applies"; return 1; }
  perl -0pi -e 's/\t\tcase float64, string, types\.ObjectID, bool, time\.Time, int32, int64:\n/\t\tcase string, types.ObjectID:\n\t\t\tif rootKey == "_id" {\n\t\t\t\tfilters = append(filters, metadata.IDColumn+" = "+p.Next())\n\t\t\t\targs = append(args, string(must.NotFail(sjson.MarshalSingleValue(v))))\n\n\t\t\t\tbreak\n\t\t\t}\n\n\t\t\tif f, a := filterEqual(p, key, v, keyOperator); f != "" {\n\t\t\t\tfilters = append(filters, f)\n\t\t\t\targs = append(args, a...)\n\t\t\t}\n\n\t\tcase float64, bool, time.Time, int32, int64:\n/' "$query"
  grep -qF 'if rootKey == "_id" {' "$query" || { log "the PostgreSQL _id patch did not apply"; return 1; }
  mkdir -p "$CACHE_DIR/bin"
  (cd "$build" && go build -o "$FERRETDB_BIN.part" ./cmd/ferretdb)
  mv "$FERRETDB_BIN.part" "$FERRETDB_BIN"
  rm -rf "$build"
}

# The hub provisions one RabbitMQ user per participant through the management HTTP API.
enable_management() {
  port_open "$MANAGEMENT_PORT" && return 0
  log "enabling rabbitmq_management"
  rabbitmq-plugins enable rabbitmq_management >/dev/null 2>&1 ||
    rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
  wait_port "RabbitMQ management" "$MANAGEMENT_PORT" 60
}

start_rabbitmq() {
  if port_open "$AMQP_PORT"; then log "RabbitMQ already answers"; enable_management; return 0; fi
  install_rabbitmq
  rabbitmq-plugins enable --offline rabbitmq_management >/dev/null 2>&1 || true
  log "starting RabbitMQ"
  rabbitmq-server -detached >/dev/null 2>&1 || true
  wait_port RabbitMQ "$AMQP_PORT" 90
  rabbitmqctl await_startup >/dev/null 2>&1 || true
  enable_management
}

start_ferretdb() {
  if port_open "$MONGO_PORT"; then log "FerretDB/MongoDB already answers"; return 0; fi
  install_ferretdb
  mkdir -p "$STATE_DIR/ferretdb/data"
  log "starting FerretDB"
  nohup "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$STATE_DIR/ferretdb/data/" \
    --listen-addr="127.0.0.1:$MONGO_PORT" --state-dir="$STATE_DIR/ferretdb" \
    --telemetry=disable --log-level=warn \
    >"$STATE_DIR/ferretdb/ferretdb.log" 2>&1 &
  echo $! >"$STATE_DIR/ferretdb/pid"
  wait_port FerretDB "$MONGO_PORT" 30 || { tail -n 20 "$STATE_DIR/ferretdb/ferretdb.log" >&2; return 1; }
}

# PostgreSQL for FerretDB's postgresql backend: Debian's server binaries (not on PATH), a
# cluster initialised under the state dir and started with pg_ctl on a port and socket directory
# of its own, so that neither the system's cluster (pg_ctlcluster's 5432) nor its files are
# touched. PostgreSQL refuses to run as root: as root it runs as Debian's `postgres` user (which
# must be able to reach the state dir).
pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}
as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# A clone in a folder only root may enter (mktemp -d makes them 0700) is out of the postgres
# user's reach: then the cluster lives in a folder of its own under /var/tmp, named after the
# state dir, so two clones never share one.
pg_reachable_dir() {
  if [ "$(id -u)" != 0 ] || runuser -u postgres -- test -x "$STATE_DIR" 2>/dev/null; then return 0; fi
  PG_DIR=/var/tmp/knooppunt-postgres/$(printf '%s' "$STATE_DIR" | sha256sum | cut -c1-16)
  mkdir -p "$PG_DIR"
  chmod 0755 /var/tmp/knooppunt-postgres
}
start_postgres() {
  local bin
  bin=$(pg_bin) || { install_debian no-such-command postgresql && bin=$(pg_bin); } ||
    { log "PostgreSQL's server binaries are missing"; return 1; }
  pg_reachable_dir
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    log "initialising a PostgreSQL cluster in $PG_DIR/data"
    rm -rf "$PG_DIR/data"
    mkdir -p "$PG_DIR/data" "$PG_DIR/run"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$PG_DIR"
    as_pg_user "$bin/initdb" --pgdata="$PG_DIR/data" --username=postgres --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
      { tail -n 20 "$PG_DIR/initdb.log" >&2; return 1; }
    # Loopback only; the socket in our own directory, not /var/run/postgresql. Connections for
    # FerretDB's pool (below).
    cat >>"$PG_DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR/run'
max_connections = $((FERRETDB_PG_POOL + 20))
CONF
  fi
  if as_pg_user "$bin/pg_ctl" --pgdata="$PG_DIR/data" status >/dev/null 2>&1; then
    log "PostgreSQL already runs"
  else
    log "starting PostgreSQL"
    as_pg_user "$bin/pg_ctl" --pgdata="$PG_DIR/data" --log="$PG_DIR/postgres.log" --wait \
      --timeout=60 start >/dev/null || { tail -n 20 "$PG_DIR/postgres.log" >&2; return 1; }
  fi
  # FerretDB keeps every MongoDB database as a schema of this one.
  as_pg_user "$bin/psql" --host=127.0.0.1 --port="$PG_PORT" --username=postgres --quiet \
    --tuples-only --command="SELECT 1 FROM pg_database WHERE datname = 'ferretdb'" postgres |
    grep -q 1 ||
    as_pg_user "$bin/createdb" --host=127.0.0.1 --port="$PG_PORT" --username=postgres ferretdb
}

start_ferretdb_pg() {
  # PostgreSQL first, also when FerretDB answers: FerretDB outlives a stopped PostgreSQL.
  start_postgres
  if port_open "$MONGO_PG_PORT"; then log "FerretDB (PostgreSQL) already answers"; return 0; fi
  install_ferretdb
  mkdir -p "$STATE_DIR/ferretdb-pg"
  log "starting FerretDB on PostgreSQL"
  # --debug-addr=-: the SQLite instance holds the debug port 8088.
  nohup "$FERRETDB_BIN" --handler=postgresql \
    --postgresql-url="postgres://postgres@127.0.0.1:$PG_PORT/ferretdb?pool_max_conns=$FERRETDB_PG_POOL" \
    --listen-addr="127.0.0.1:$MONGO_PG_PORT" --state-dir="$STATE_DIR/ferretdb-pg" \
    --debug-addr=- --telemetry=disable --log-level=warn \
    >"$STATE_DIR/ferretdb-pg/ferretdb.log" 2>&1 &
  echo $! >"$STATE_DIR/ferretdb-pg/pid"
  wait_port "FerretDB (PostgreSQL)" "$MONGO_PG_PORT" 30 ||
    { tail -n 20 "$STATE_DIR/ferretdb-pg/ferretdb.log" >&2; return 1; }
}

stop_postgres_side() {
  if [ -f "$STATE_DIR/ferretdb-pg/pid" ]; then
    kill "$(cat "$STATE_DIR/ferretdb-pg/pid")" 2>/dev/null || true
    rm -f "$STATE_DIR/ferretdb-pg/pid"
    log "FerretDB (PostgreSQL) stopped"
  fi
  local bin
  pg_reachable_dir
  if [ -f "$PG_DIR/data/postmaster.pid" ] && bin=$(pg_bin); then
    as_pg_user "$bin/pg_ctl" --pgdata="$PG_DIR/data" --mode=fast --wait stop >/dev/null 2>&1 || true
    log "PostgreSQL stopped"
  fi
}

stop_all() {
  stop_postgres_side
  if [ -f "$STATE_DIR/ferretdb/pid" ]; then
    kill "$(cat "$STATE_DIR/ferretdb/pid")" 2>/dev/null || true
    rm -f "$STATE_DIR/ferretdb/pid"
    log "FerretDB stopped"
  fi
  if command -v rabbitmqctl >/dev/null && port_open "$AMQP_PORT"; then
    rabbitmqctl stop >/dev/null 2>&1 || true
    log "RabbitMQ stopped"
  fi
}

status() {
  local ok=0
  if port_open "$AMQP_PORT"; then echo "rabbitmq: up (amqp://127.0.0.1:$AMQP_PORT)"; else echo "rabbitmq: down"; ok=1; fi
  if port_open "$MONGO_PORT"; then echo "mongodb: up (mongodb://127.0.0.1:$MONGO_PORT)"; else echo "mongodb: down"; ok=1; fi
  if port_open "$MONGO_PG_PORT"; then
    echo "mongodb-pg: up (mongodb://127.0.0.1:$MONGO_PG_PORT, FerretDB on PostgreSQL 127.0.0.1:$PG_PORT)"
  else echo "mongodb-pg: down"; ok=1; fi
  return $ok
}

case "${1:-}" in
  start) install_tools; start_rabbitmq; start_ferretdb; start_ferretdb_pg; status ;;
  stop) stop_all ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
