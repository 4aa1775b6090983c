#!/usr/bin/env bash
# TPC-C-style mix side by side: starts the Strata playground and a private MariaDB (own datadir,
# loopback port), loads the same warehouses into each and runs the same mix (terminals, time,
# seed) on one engine after the other. Writes results/tpcc-w<W>-<UTC time>.{csv,json,png} and the
# "tpcc" section of docs/benchmarks.md.
#
#   bench/tpcc.sh [--warehouses 1] [--terminals 4] [--time 60] [--warmup 10] [--tiny] [--smoke] [--engines strata,mariadb] [--no-doc]
# STRATA_URL=mysql://user:pw@host:port runs against that server instead of a fresh playground.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

warehouses=1 terminals=4 time=60 warmup=10 tiny=() engines="strata,mariadb" update_doc=1
args=("$@")
while (($#)); do
  case "$1" in
    --warehouses) warehouses="$2"; shift ;;
    --terminals) terminals="$2"; shift ;;
    --time) time="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --tiny) tiny=(--tiny) ;;
    --smoke) tiny=(--tiny) time=10 warmup=0 terminals=2 ;;
    --engines) engines="$2"; shift ;;
    --no-doc) update_doc=0 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

trap bench_cleanup EXIT
trap 'exit 130' INT TERM
ensure_packages mariadb:mariadb-client
build_benchmarks
engine_args=()
IFS=, read -r -a engine_list <<<"$engines"
for e in "${engine_list[@]}"; do
  case "$e" in
    strata) start_strata "$(free_port)"
            engine_args+=(--engine "strata=mysql://$STRATA_USER:$STRATA_PASSWORD@$STRATA_HOST:$STRATA_PORT") ;;
    mariadb) port="$(free_port)"; start_mariadb "$port"; engine_args+=(--engine "mariadb=mysql://root:@127.0.0.1:$port") ;;
    *) echo "unknown engine $e" >&2; exit 2 ;;
  esac
done
doc_args=()
((update_doc)) && doc_args=(--doc "$BENCH_ROOT/docs/benchmarks.md" --doc-section tpcc)
bench_java io.strata.bench.tpcc.TpccBench "${engine_args[@]}" --warehouses "$warehouses" "${tiny[@]}" \
  --terminals "$terminals" --time "$time" --warmup "$warmup" --results-dir "$BENCH_ROOT/results" "${doc_args[@]}" \
  --command "bench/tpcc.sh ${args[*]:-}"
