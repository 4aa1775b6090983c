# Shared helpers for the bench/*.sh scripts: source it, do not run it.
# Every server a script starts is recorded in BENCH_PIDS and stopped by bench_cleanup (on EXIT).

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_JAR="$BENCH_ROOT/benchmarks/target/benchmarks.jar"
BENCH_PIDS=()
BENCH_TMP=""
BENCH_JAVA_OPTS="--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Xss4m -Djava.awt.headless=true"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Installs Debian packages that are missing (needs root or sudo).
ensure_packages() {
  local missing=()
  for spec in "$@"; do
    local bin="${spec%%:*}" pkg="${spec##*:}"
    command -v "$bin" >/dev/null 2>&1 || [[ -x "/usr/sbin/$bin" ]] || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    log "installing ${missing[*]} with apt-get"
    local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    # policy-rc.d in containers, and the explicit stop below elsewhere, keep the system service
    # from running: the benchmark starts its own server with its own datadir.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# A free TCP port on the loopback interface (asks the kernel for an ephemeral one).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

bench_tmpdir() {
  if [[ -z "$BENCH_TMP" ]]; then
    BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/strata-bench.XXXXXX")"
  fi
  echo "$BENCH_TMP"
}

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${BENCH_PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ -n "$BENCH_TMP" && -d "$BENCH_TMP" && "${BENCH_KEEP_TMP:-0}" != "1" ]]; then
    rm -rf "$BENCH_TMP"
  fi
}

# Builds the benchmarks module (and what it depends on) when its jar is missing or BENCH_REBUILD=1.
build_benchmarks() {
  if [[ ! -f "$BENCH_JAR" || "${BENCH_REBUILD:-0}" == "1" ]]; then
    log "building the benchmarks module (first run only)"
    (cd "$BENCH_ROOT" && mvn -q -B -DskipTests -pl benchmarks -am install) >&2
  fi
}

bench_java() {
  # shellcheck disable=SC2086
  java $BENCH_JAVA_OPTS ${BENCH_JVM_OPTS:-} -cp "$BENCH_JAR" "$@"
}

# start_mariadb PORT: a private mariadbd on 127.0.0.1:PORT with its own datadir, database sbtest
# (user sbtest/sbtest) and root without password on loopback. Sets MARIADB_PID.
start_mariadb() {
  local port="$1" dir; dir="$(bench_tmpdir)/mariadb"
  mkdir -p "$dir/data"
  ensure_packages mariadbd:mariadb-server mariadb:mariadb-client
  log "mariadb: initialising $dir/data"
  mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
    || { cat "$dir/install.log" >&2; return 1; }
  # A configuration comparable to a default production install: InnoDB with a 1 GiB buffer pool,
  # durable commits (flush at each commit, as Strata does), no binary log (Strata has none).
  /usr/sbin/mariadbd --no-defaults --datadir="$dir/data" --user="$(id -un)" \
    --bind-address=127.0.0.1 --port="$port" --socket="$dir/mariadb.sock" --pid-file="$dir/mariadb.pid" \
    --innodb-buffer-pool-size=1G --innodb-flush-log-at-trx-commit=1 --max-connections=1000 \
    --max-prepared-stmt-count=1000000 --skip-name-resolve --log-error="$dir/error.log" &
  MARIADB_PID=$!
  BENCH_PIDS+=("$MARIADB_PID")
  for _ in $(seq 1 120); do
    if mariadb --no-defaults -h127.0.0.1 -P"$port" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
      mariadb --no-defaults -h127.0.0.1 -P"$port" -uroot -e "
        CREATE DATABASE IF NOT EXISTS sbtest;
        CREATE USER IF NOT EXISTS 'sbtest'@'%' IDENTIFIED BY 'sbtest';
        GRANT ALL ON *.* TO 'sbtest'@'%';
        CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
        GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
      log "mariadb: ready on 127.0.0.1:$port (pid $MARIADB_PID)"
      return 0
    fi
    kill -0 "$MARIADB_PID" 2>/dev/null || { cat "$dir/error.log" >&2; return 1; }
    sleep 0.5
  done
  log "mariadb did not start"; cat "$dir/error.log" >&2; return 1
}

# start_strata PORT: the Strata playground on 127.0.0.1:PORT with a fresh data dir. Sets STRATA_PID
# and STRATA_HOST/STRATA_PORT/STRATA_USER/STRATA_PASSWORD. With STRATA_URL=mysql://user:pw@host:port
# in the environment nothing is started: the run goes to that server (any topology behind it).
start_strata() {
  if [[ -n "${STRATA_URL:-}" ]]; then
    local rest="${STRATA_URL#mysql://}" cred="root:"
    if [[ "$rest" == *@* ]]; then cred="${rest%@*}"; rest="${rest##*@}"; fi
    STRATA_USER="${cred%%:*}"; STRATA_PASSWORD=""; [[ "$cred" == *:* ]] && STRATA_PASSWORD="${cred#*:}"
    STRATA_HOST="${rest%:*}"; STRATA_PORT="${rest##*:}"
    log "strata: using the server at $STRATA_HOST:$STRATA_PORT (STRATA_URL)"
    return 0
  fi
  STRATA_HOST=127.0.0.1 STRATA_PORT="$1" STRATA_USER=root STRATA_PASSWORD=""
  local port="$1" dir; dir="$(bench_tmpdir)/strata"
  mkdir -p "$dir"
  log "strata: starting the playground (data in $dir/data)"
  "$BENCH_ROOT/bin/strata" playground --port "$port" --data-dir "$dir/data" >"$dir/strata.log" 2>&1 &
  STRATA_PID=$!
  BENCH_PIDS+=("$STRATA_PID")
  for _ in $(seq 1 600); do
    if grep -q "Connect with" "$dir/strata.log" 2>/dev/null; then
      log "strata: ready on 127.0.0.1:$port (pid $STRATA_PID)"
      return 0
    fi
    kill -0 "$STRATA_PID" 2>/dev/null || { log "strata exited:"; tail -50 "$dir/strata.log" >&2; return 1; }
    sleep 0.5
  done
  log "strata did not start"; tail -50 "$dir/strata.log" >&2; return 1
}

# mysql_exec HOST PORT USER PASSWORD SQL: runs SQL on a MySQL-protocol server.
mysql_exec() {
  mariadb --no-defaults -h"$1" -P"$2" -u"$3" ${4:+-p"$4"} --skip-ssl -e "$5"
}
