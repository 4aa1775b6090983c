#!/usr/bin/env bash
# JMH microbenchmarks (classes named Benchmark* in the benchmarks module). Writes
# results/jmh-<UTC time>.{csv,json,png} and the "jmh" section (or --section NAME) of docs/benchmarks.md.
#
#   bench/jmh.sh [--smoke] [--no-doc] [--section NAME] [JMH regex and options, e.g. BenchmarkRowCodec -p rows=1000000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

update_doc=1 section=jmh jmh_opts=() args=("$@")
while (($#)); do
  case "$1" in
    --smoke) jmh_opts+=(-f 1 -wi 1 -i 2 -w 1s -r 1s -p rows=10000) ;;
    --no-doc) update_doc=0 ;;
    --section) section="$2"; shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) jmh_opts+=("$1") ;;
  esac
  shift
done
build_benchmarks
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
raw="$BENCH_ROOT/results/raw/jmh-$(date -u -d "$started" +%Y%m%d-%H%M%S).json"
mkdir -p "$(dirname "$raw")"
# shellcheck disable=SC2086
java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" -rf json -rff "$raw" "${jmh_opts[@]}"
doc_args=()
((update_doc)) && doc_args=(--doc "$BENCH_ROOT/docs/benchmarks.md" --doc-section "$section")
bench_java io.strata.bench.report.JmhReport --json "$raw" --results-dir "$BENCH_ROOT/results" --started "$started" \
  "${doc_args[@]}" --command "bench/jmh.sh ${args[*]:-}"
