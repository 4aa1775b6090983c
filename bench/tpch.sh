#!/usr/bin/env bash
# TPC-H side by side: starts the Strata playground (fresh data dir, free port), generates the data
# at the chosen scale factor with io.trino.tpch (dbgen), loads it into Strata and into an
# in-process DuckDB, runs the 22 queries on both, checks Strata's answers against DuckDB's, and
# writes results/tpch-sf<SF>-<UTC time>.{csv,json,png} and the "tpch-sf<SF>" section of
# docs/benchmarks.md.
#
#   bench/tpch.sh [--sf 0.1] [--runs 1] [--queries 1-22] [--query-timeout 900] [--peer mariadb] [--no-doc]
#                 [--target-init SQL]...   (run on each Strata connection, e.g. to choose an engine)
# STRATA_URL=mysql://user:pw@host:port runs against that server instead of a fresh playground.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sf=0.1 runs=1 queries=1-22 timeout=900 peer=duckdb update_doc=1 init_args=()
args=("$@")
while (($#)); do
  case "$1" in
    --sf) sf="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --queries) queries="$2"; shift ;;
    --query-timeout) timeout="$2"; shift ;;
    --peer) peer="$2"; shift ;;
    --no-doc) update_doc=0 ;;
    --smoke) sf=0.01 timeout=60 ;;
    --target-init) init_args+=(--target-init "$2"); shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

trap bench_cleanup EXIT
trap 'exit 130' INT TERM
build_benchmarks
start_strata "$(free_port)"
peer_args=(--peer duckdb --peer-name duckdb)
if [[ "$peer" == mariadb ]]; then
  maria_port="$(free_port)"
  start_mariadb "$maria_port"
  peer_args=(--peer "mysql://root:@127.0.0.1:$maria_port" --peer-name mariadb)
fi
doc_args=()
((update_doc)) && doc_args=(--doc "$BENCH_ROOT/docs/benchmarks.md" --doc-section "tpch-sf$sf")
bench_java io.strata.bench.tpch.TpchBench --sf "$sf" --target "mysql://$STRATA_USER:$STRATA_PASSWORD@$STRATA_HOST:$STRATA_PORT" --target-name strata \
  "${peer_args[@]}" "${init_args[@]}" --runs "$runs" --queries "$queries" --query-timeout "$timeout" \
  --results-dir "$BENCH_ROOT/results" "${doc_args[@]}" --command "bench/tpch.sh ${args[*]:-}"
# The scale curve across every scale factor run so far (latest run of each).
if ((update_doc)); then
  bench_java io.strata.bench.tpch.TpchScaleReport --results-dir "$BENCH_ROOT/results" --doc "$BENCH_ROOT/docs/benchmarks.md"
fi
