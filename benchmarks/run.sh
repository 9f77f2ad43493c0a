#!/usr/bin/env bash
# Runs the remote-store benchmarks end to end: builds the benchmark jar (and the modules it needs),
# starts S3Proxy (its own JVM, filesystem provider on tmpfs, logging at WARN) and the shaping proxy,
# runs the JMH set, measures streaming memory, writes JSON + Markdown, and stops everything on exit.
#
#   benchmarks/run.sh            # the full set (10–11 minutes on a 2-core machine, first build included)
#   benchmarks/run.sh --quick    # one iteration each, no warm-up: a smoke test (cold figures, not for quoting)
#   benchmarks/run.sh --file-transfers   # only issue 16's 1 GiB file transfers, in interleaved rounds
#                                        # (FileTransferRounds; RS_BENCH_ROUNDS, default 3, RS_BENCH_WARMUP,
#                                        # default 1, RS_BENCH_LINKS, default loopback,shaped, RS_BENCH_VARIANTS and
#                                        # RS_BENCH_OPERATIONS, comma lists, default all): about 15 minutes on
#                                        # an idle 2-core machine; the shaper stops after RS_BENCH_SHAPER_SECONDS (1800)
#
# Results: benchmarks/results/<UTC time>/{results.json,ratios.md,memory.md,summary.md}
# Environment: RS_BENCH_OUT (results folder), RS_BENCH_BUILD_DIR (Maven build folder, default
# target-bench), RS_BENCH_SKIP_BUILD=1 (reuse the jar), RS_BENCH_INCLUDE (a JMH regex: run only those), RS_BENCH_LATENCY_MS (10),
# RS_BENCH_RATE_MIB (40), RS_BENCH_SMALL_ONLY=1 (only SmallRequestCost: small requests' CPU, issue 18),
# RS_BENCH_SKIP_SMALL=1 (everything but SmallRequestCost).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
QUICK=""
FILE_TRANSFERS=""
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK="--quick" ;;
    --file-transfers) FILE_TRANSFERS=1 ;;
    *) echo "usage: benchmarks/run.sh [--quick | --file-transfers]" >&2; exit 2 ;;
  esac
done
BUILD_DIR=${RS_BENCH_BUILD_DIR:-target-bench}
OUT=${RS_BENCH_OUT:-$ROOT/benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)}
JAR=$ROOT/benchmarks/$BUILD_DIR/benchmarks.jar
S3PROXY_JAR=$ROOT/benchmarks/$BUILD_DIR/s3proxy.jar
started=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- build ------------------------------------------------------------------------------------
if [[ "${RS_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  # The benchmarks and the modules they measure, from this checkout; -Dbench adds the uber-jar
  # and S3Proxy's jar-with-dependencies.
  ./mvnw -q -B -DskipTests -Dbench -Drs.build.dir="$BUILD_DIR" -pl benchmarks -am package
fi
[[ -f "$JAR" && -f "$S3PROXY_JAR" ]] || { echo "missing $JAR or $S3PROXY_JAR" >&2; exit 1; }

# --- servers ----------------------------------------------------------------------------------
mkdir -p "$OUT"
DATA=$(mktemp -d /dev/shm/rs-bench-XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for_port() {
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2; return 1
}

PORT=$(java -cp "$JAR" dev.remotestore.benchmarks.FreePort)
mkdir -p "$DATA/s3/bench" "$DATA/local"          # the bucket is a folder of the filesystem provider
cat > "$DATA/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=rs-bench-access-key
s3proxy.credential=rs-bench-secret-key
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.identity=rs-bench-access-key
jclouds.credential=rs-bench-secret-key
jclouds.filesystem.basedir=$DATA/s3
PROPS
LOG_LEVEL=warn JETTY_LOG_LEVEL=warn java -Xmx1g -DLOG_LEVEL=warn -jar "$S3PROXY_JAR" \
  --properties "$DATA/s3proxy.properties" > "$OUT/s3proxy.log" 2>&1 &
PIDS+=($!)
wait_for_port "$PORT"

java -Xmx256m -cp "$JAR" dev.remotestore.benchmarks.ShapingProxy --target "127.0.0.1:$PORT" \
  --latency-ms "${RS_BENCH_LATENCY_MS:-10}" --rate-mib "${RS_BENCH_RATE_MIB:-40}" \
  --port-file "$DATA/shaped.port" --max-seconds "${RS_BENCH_SHAPER_SECONDS:-1800}" > "$OUT/shaping-proxy.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do [[ -s "$DATA/shaped.port" ]] && break; sleep 0.1; done
SHAPED_PORT=$(cat "$DATA/shaped.port")

# --- benchmarks -------------------------------------------------------------------------------
echo "S3Proxy on 127.0.0.1:$PORT, shaped on 127.0.0.1:$SHAPED_PORT, results in $OUT"
if [[ -n "$FILE_TRANSFERS" ]]; then
  java -Xmx2g -cp "$JAR" dev.remotestore.benchmarks.FileTransferRounds --out "$OUT" \
    --rounds "${RS_BENCH_ROUNDS:-3}" --warmup "${RS_BENCH_WARMUP:-1}" --links "${RS_BENCH_LINKS:-loopback,shaped}" ${RS_BENCH_VARIANTS:+--variants "$RS_BENCH_VARIANTS"} ${RS_BENCH_OPERATIONS:+--operations "$RS_BENCH_OPERATIONS"} --endpoint "http://127.0.0.1:$PORT" \
    --shaped-endpoint "http://127.0.0.1:$SHAPED_PORT" --local-dir "$DATA/local" 2>&1 | tee "$OUT/file-transfers.log"
  {
    echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average at start: $LOAD_BEFORE, at end: $(cut -d' ' -f1-3 /proc/loadavg), wall time $(( $(date +%s) - started ))s"
    echo "Command: RS_BENCH_ROUNDS=${RS_BENCH_ROUNDS:-3} RS_BENCH_WARMUP=${RS_BENCH_WARMUP:-1} RS_BENCH_LINKS=${RS_BENCH_LINKS:-loopback,shaped} RS_BENCH_SHAPER_SECONDS=${RS_BENCH_SHAPER_SECONDS:-1800} benchmarks/run.sh --file-transfers"
    echo
    cat "$OUT/file-transfers.md"
  } > "$OUT/summary.md"
  cat "$OUT/summary.md"
  exit 0
fi
# Small requests' CPU (issue 18): the sync SDK, OpenDAL, s3 and s3-crt side by side in one JVM,
# ops/s and CPU-seconds per 1,000 requests, loopback and shaped.
ROUNDS=5; [[ -n "$QUICK" ]] && ROUNDS=1
if [[ "${RS_BENCH_SKIP_SMALL:-0}" != 1 ]]; then
  java -Xmx1g -cp "$JAR" dev.remotestore.benchmarks.SmallRequestCost --endpoint "http://127.0.0.1:$PORT" \
    --shaped-endpoint "http://127.0.0.1:$SHAPED_PORT" --rounds "$ROUNDS" --markdown "$OUT/small-requests.md" \
    2>&1 | tee "$OUT/small-requests.log"
fi
if [[ "${RS_BENCH_SMALL_ONLY:-0}" == 1 ]]; then
  exit 0
fi
java -Xmx512m -cp "$JAR" dev.remotestore.benchmarks.RunBenchmarks $QUICK --out "$OUT" \
  ${RS_BENCH_INCLUDE:+--include "$RS_BENCH_INCLUDE"} \
  --endpoint "http://127.0.0.1:$PORT" --shaped-endpoint "http://127.0.0.1:$SHAPED_PORT" \
  --local-dir "$DATA/local" 2>&1 | tee "$OUT/jmh.log"

# Streaming memory: each backend alone in a JVM with a 256 MiB heap.
MEM_MIB=1024; [[ -n "$QUICK" ]] && MEM_MIB=256
printf '| backend | phase | MiB/s | peak heap MiB | RSS at start MiB | peak RSS MiB | RSS growth MiB |\n|---|---|---|---|---|---|---|\n' > "$OUT/memory.md"
for type in s3 s3-crt; do
  java -Xmx256m -cp "$JAR" dev.remotestore.benchmarks.StreamingMemory --type "$type" \
    --endpoint "http://127.0.0.1:$PORT" --size-mib "$MEM_MIB" --markdown "$OUT/memory.md"
done

elapsed=$(( $(date +%s) - started ))
{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average at start: $LOAD_BEFORE, wall time ${elapsed}s"
  echo "Command: benchmarks/run.sh $QUICK"
  echo
  cat "$OUT/ratios.md"
  echo
  cat "$OUT/memory.md"
  echo
  if [[ -f "$OUT/small-requests.md" ]]; then cat "$OUT/small-requests.md"; fi
} > "$OUT/summary.md"
cat "$OUT/summary.md"
