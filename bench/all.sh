#!/usr/bin/env bash
# Every benchmark in turn (sysbench, TPC-H, TPC-C-style, point-select scale curve, JMH), each
# regenerating its section of docs/benchmarks.md. --smoke runs them all at smoke size (minutes).
#
#   bench/all.sh [--smoke]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode=()
case "${1:-}" in
  --smoke) mode=(--smoke) ;;
  -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
  "") ;;
  *) echo "unknown option $1" >&2; exit 2 ;;
esac
"$here/sysbench.sh" "${mode[@]}"
"$here/tpch.sh" "${mode[@]}"
"$here/tpcc.sh" "${mode[@]}"
"$here/scale.sh" "${mode[@]}"
"$here/jmh.sh" "${mode[@]}"
