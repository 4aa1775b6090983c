#!/usr/bin/env bash
# Scale curve: sysbench oltp_point_select latency and throughput at several table sizes, Strata
# and MariaDB side by side. Writes results/scale-<UTC time>.{csv,json,png} and the
# "scale-point-select" section of docs/benchmarks.md. The tables have no secondary index on k
# (sysbench --create_secondary=off): point selects read by id only, and building that index after
# loading is not what this curve measures.
#
#   bench/scale.sh [--rows 1000000,10000000] [--threads N] [--time S] [--smoke]
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
rows="1000000,10000000" pass=()
orig=("$@")
while (($#)); do
  case "$1" in
    --rows) rows="$2"; shift ;;
    --smoke) rows="1000,10000"; pass+=(--threads 2 --time 5 --warmup 0) ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) pass+=("$1") ;;
  esac
  shift
done
BENCH_COMMAND="bench/scale.sh ${orig[*]:-}" exec "$here/sysbench.sh" --tests oltp_point_select --no-secondary-index --sizes "$rows" "${pass[@]}"
