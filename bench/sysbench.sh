#!/usr/bin/env bash
# OLTP side by side: sysbench oltp_point_select, oltp_read_only, oltp_read_write and oltp_insert
# against the Strata playground and a private MariaDB, same tables, same threads, same time, one
# engine at a time. Writes results/sysbench-<UTC time>.{csv,json,png}, keeps the raw sysbench
# outputs under results/raw/, prints the table with the ratio Strata/MariaDB and regenerates the
# "sysbench" section of docs/benchmarks.md.
#
#   bench/sysbench.sh [--smoke] [--threads N] [--time S] [--table-size N] [--tables N]
#                     [--tests a,b] [--engines strata,mariadb] [--ps-mode auto|disable] [--no-doc]
#                     [--no-secondary-index]
# STRATA_URL=mysql://user:pw@host:port runs against that server instead of a fresh playground.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

threads=8 time=60 table_size=100000 tables=1 warmup=10 ps_mode=auto update_doc=1 secondary=on
tests="oltp_point_select,oltp_read_only,oltp_read_write,oltp_insert"
engines="strata,mariadb"
kind=sysbench
sizes=""
args=("$@")
while (($#)); do
  case "$1" in
    --smoke) threads=2 time=5 table_size=1000 tables=1 warmup=0 ;;
    --threads) threads="$2"; shift ;;
    --time) time="$2"; shift ;;
    --table-size) table_size="$2"; shift ;;
    --tables) tables="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --tests) tests="$2"; shift ;;
    --engines) engines="$2"; shift ;;
    --ps-mode) ps_mode="$2"; shift ;;
    --no-doc) update_doc=0 ;;
    # sysbench's --create_secondary=off: no index on k (oltp_point_select reads by id only)
    --no-secondary-index) secondary=off ;;
    # Used by bench/scale.sh: one test at several table sizes.
    --sizes) sizes="$2"; kind=scale; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -n "$sizes" ]] || sizes="$table_size"

trap bench_cleanup EXIT
trap 'exit 130' INT TERM
ensure_packages sysbench:sysbench mariadb:mariadb-client
build_benchmarks

started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
stamp="$(date -u -d "$started" +%Y%m%d-%H%M%S)"
raw="$BENCH_ROOT/results/raw/$kind-$stamp"
mkdir -p "$raw"

declare -A host port user pass
IFS=, read -r -a engine_list <<<"$engines"
for e in "${engine_list[@]}"; do
  case "$e" in
    strata) start_strata "$(free_port)"
            host[$e]="$STRATA_HOST" port[$e]="$STRATA_PORT" user[$e]="$STRATA_USER" pass[$e]="$STRATA_PASSWORD" ;;
    mariadb) port[$e]="$(free_port)"; start_mariadb "${port[$e]}"
             host[$e]=127.0.0.1 user[$e]=root pass[$e]="" ;;
    *) echo "unknown engine $e" >&2; exit 2 ;;
  esac
  mysql_exec "${host[$e]}" "${port[$e]}" "${user[$e]}" "${pass[$e]}" "CREATE DATABASE IF NOT EXISTS sbtest"
done

IFS=, read -r -a test_list <<<"$tests"
IFS=, read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
  for t in "${test_list[@]}"; do
    for e in "${engine_list[@]}"; do
      common=(--db-driver=mysql "--mysql-host=${host[$e]}" "--mysql-port=${port[$e]}" "--mysql-user=${user[$e]}" "--mysql-password=${pass[$e]}"
              --mysql-db=sbtest --mysql-ssl=off --tables="$tables" --table-size="$size" --threads="$threads"
              --db-ps-mode="$ps_mode" --rand-type=uniform --create_secondary="$secondary")
      out="$raw/${e}__${t}__${size}"
      log "$e: $t prepare ($tables table(s) x $size rows)"
      # Prepare loads with sysbench's own multi-row INSERTs; progress is the table count it prints.
      start_s=$(date +%s.%N)
      sysbench "$t" "${common[@]}" prepare >"$out.prepare.txt" 2>&1 || echo "FATAL: prepare exited with $?" >>"$out.prepare.txt"
      end_s=$(date +%s.%N)
      echo "prepare seconds: $(awk "BEGIN{print $end_s - $start_s}")" >>"$out.prepare.txt"
      log "$e: $t run ($threads threads, ${time}s measured after ${warmup}s warm-up)"
      checkpoints=()
      ((warmup > 0)) && checkpoints=(--report-checkpoints="$warmup")
      sysbench "$t" "${common[@]}" --time=$((time + warmup)) "${checkpoints[@]}" run >"$out.txt" 2>&1 \
        || echo "FATAL: run exited with $?" >>"$out.txt"
      grep -E "transactions:|95th percentile:|FATAL" "$out.txt" | tail -3 | sed "s/^/    $e $t: /" >&2 || true
      sysbench "$t" "${common[@]}" cleanup >"$out.cleanup.txt" 2>&1 || true
    done
  done
done

doc_args=()
section=sysbench; [[ "$kind" == scale ]] && section=scale-point-select
((update_doc)) && doc_args=(--doc "$BENCH_ROOT/docs/benchmarks.md" --doc-section "$section")
bench_java io.strata.bench.sysbench.SysbenchReport --raw-dir "$raw" --engines "$engines" --kind "$kind" \
  --results-dir "$BENCH_ROOT/results" --started "$started" "${doc_args[@]}" \
  --params "threads=$threads, time=${time}s after ${warmup}s warm-up, tables=$tables, table-size=$sizes, db-ps-mode=$ps_mode, rand-type=uniform, create_secondary=$secondary, sysbench $(sysbench --version | awk '{print $2}'), MariaDB $(mariadbd --version 2>/dev/null | awk '{print $3}')" \
  --command "${BENCH_COMMAND:-bench/sysbench.sh ${args[*]:-}}"
