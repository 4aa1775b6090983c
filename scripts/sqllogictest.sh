#!/usr/bin/env bash
# Compatibility measure: runs the public sqllogictest files in ../shared/sqllogictest (expected
# results regenerated against MySQL 8) against a fresh playground, with the corpus's own JDBC runner.
#   scripts/sqllogictest.sh                 # every file
#   scripts/sqllogictest.sh -limit 200 test/random/expr/slt_good_0.test   # runner options + files
# Writes the runner's output to results/sqllogictest-<UTC timestamp>.txt and prints the TOTAL line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
slt="${SLT_DIR:-$root/../shared/sqllogictest}"
[[ -f "$slt/SltRunner.java" ]] || { echo "sqllogictest corpus not found at $slt (set SLT_DIR)" >&2; exit 2; }

# Build the launcher if needed, and find Connector/J in the local Maven repository.
[[ -f "$root/server/target/strata-server.jar" ]] || (cd "$root" && mvn -q -B -DskipTests -pl server -am install)
cj="$(ls "$root"/server/target/lib/mysql-connector-j-*.jar 2>/dev/null | head -1 || true)"
if [[ -z "$cj" ]]; then
  (cd "$root" && mvn -q -B dependency:copy -Dartifact=com.mysql:mysql-connector-j:26.10.0 -DoutputDirectory="$root/server/target/lib-test")
  cj="$(ls "$root"/server/target/lib-test/mysql-connector-j-*.jar | head -1)"
fi

data="$(mktemp -d)"
log="$data/playground.log"
"$root/bin/strata" playground --port 0 --data-dir "$data/db" >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  port="$(sed -n 's/.*Connect with: mysql -h [^ ]* -P \([0-9]*\).*/\1/p' "$log" | head -1)"
  [[ -n "$port" ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
[[ -n "${port:-}" ]] || { echo "playground did not start" >&2; cat "$log" >&2; exit 1; }

args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then
  mapfile -t args < <(cd "$slt" && find test -name '*.test' | sort)
fi
mkdir -p "$root/results"
out="$root/results/sqllogictest-$(date -u +%Y%m%dT%H%M%SZ).txt"
set +e
(cd "$slt" && java -cp "$cj" SltRunner.java -url "jdbc:mysql://127.0.0.1:$port/?useSSL=false&allowPublicKeyRetrieval=true" \
   -user root -pass '' "${args[@]}") | tee "$out"
set -e
echo "results written to $out"
