#!/usr/bin/env bash
# llmkit next to natively built llama.cpp on random-weight GGUFs of real model shapes.
#
#   benchmarks/llama-cpp/build.sh          # once: builds llama-bench for this CPU (10-30 min)
#   benchmarks/real-shapes.sh [--shapes "smollm2-135m qwen2.5-0.5b tinyllama-1.1b"] \
#       [--types "Q8_0 Q4_0 Q4_K_M F16"] [--threads 2] [--repeats 3] [--gen 64] [--prompt-tokens 128] \
#       [--engines llama-bench,api,api-default,engine]
#
# Writes the files (seeded random weights, see SyntheticGguf / ModelShape) into
# $LLMKIT_BENCH_MODELS (default /tmp/llmkit-bench-models), then for each file runs llama-bench
# (-t THREADS -p 128 -n 64 -d 0,128: generation after the prompt, as llmkit measures it) and
# llmkit's engines one after the other, and appends the table to benchmarks/target/real-shapes.md
# with the machine (CPU flags) and the load average before and after each file.
# Not part of CI. llama-bench: $LLAMA_BENCH, else $LLAMA_CPP_HOME/build/bin/llama-bench.
set -euo pipefail
cd "$(dirname "$0")/.."

SHAPES="smollm2-135m qwen2.5-0.5b tinyllama-1.1b" TYPES="Q8_0 Q4_0 Q4_K_M F16"
THREADS=2 REPEATS=3 GEN=64 PROMPT=128 ENGINES=llama-bench,api,api-default,engine
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shapes) SHAPES="$2"; shift 2 ;;
    --types) TYPES="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --repeats) REPEATS="$2"; shift 2 ;;
    --gen) GEN="$2"; shift 2 ;;
    --prompt-tokens) PROMPT="$2"; shift 2 ;;
    --engines) ENGINES="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

DIR="${LLMKIT_BENCH_MODELS:-/tmp/llmkit-bench-models}"
LLAMA_BENCH="${LLAMA_BENCH:-${LLAMA_CPP_HOME:-$HOME/.cache/llmkit/llama-cpp}/build/bin/llama-bench}"
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/real-shapes.md
mkdir -p "$DIR" benchmarks/target

[[ -f "$JAR" && "${SKIP_BUILD:-0}" == 1 ]] || mvn -B -q -ntp -pl benchmarks -am package -DskipTests
if [[ "$ENGINES" == *llama-bench* && ! -x "$LLAMA_BENCH" ]]; then
  echo "no llama-bench at $LLAMA_BENCH: run benchmarks/llama-cpp/build.sh or set LLAMA_BENCH" >&2
  exit 2
fi

{
  echo
  echo "## Run $(date -u '+%Y-%m-%d %H:%M UTC'), llmkit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) logical CPUs"
  echo "- CPU flags (SIMD): $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' \
      | grep -E '^(avx|avx2|fma|f16c|avx512[a-z_0-9]*|amx[a-z_0-9]*|avx_vnni)$' | sort | tr '\n' ' ')"
  echo "- Java: $(java -version 2>&1 | head -1)"
  echo "- settings: threads $THREADS, prompt $PROMPT, generation $GEN, repeats $REPEATS, engines $ENGINES"
} >> "$OUT"

# Types outer: an interrupted run still has every shape for the first types.
for type in $TYPES; do
  for shape in $SHAPES; do
    f="$DIR/$shape-$type.gguf"
    [[ -f "$f" ]] || nice -n 5 java -cp "$JAR" dev.llmkit.benchmarks.SyntheticGguf \
        --shape "$shape" --type "$type" --out "$f"
    echo "" >> "$OUT"
    echo "load before $shape $type: $(uptime | sed 's/.*load average/load average/')" >> "$OUT"
    java -jar "$JAR" --model "$f" --threads "$THREADS" --prompt-tokens "$PROMPT" --gen "$GEN" \
        --repeats "$REPEATS" --warmup 1 --engines "$ENGINES" --llama-bench "$LLAMA_BENCH" \
        --out "$OUT" || echo "benchmark of $f failed" >> "$OUT"
    echo "load after: $(uptime | sed 's/.*load average/load average/')" >> "$OUT"
  done
done
echo "results: $OUT"
