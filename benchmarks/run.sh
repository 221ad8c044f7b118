#!/usr/bin/env bash
# Benchmarks llmkit's local engine next to llama.cpp (de.kherud:llama) on the same GGUF files.
#
#   benchmarks/run.sh [--threads 2] [--repeats 5] [--prompt-tokens 128] [--gen 32] [--scalar] [--synthetic]
#
# Builds benchmarks/target/benchmarks.jar, optionally writes the synthetic 1024x8 models
# (F16, Q8_0, Q4_0) into $LLMKIT_BENCH_MODELS (default /tmp/llmkit-bench-models), and runs every
# model through the engines: api (LocalClient, Vector API), engine (forward pass, Vector API),
# engine-scalar (with --scalar) and llama.cpp. Results are appended to benchmarks/target/results.md.
# Extra models: MODELS="a.gguf b.gguf" benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=2 REPEATS=5 PROMPT=128 GEN=32 SCALAR=0 SYNTH=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) THREADS="$2"; shift 2 ;;
    --repeats) REPEATS="$2"; shift 2 ;;
    --prompt-tokens) PROMPT="$2"; shift 2 ;;
    --gen) GEN="$2"; shift 2 ;;
    --scalar) SCALAR=1; shift ;;
    --synthetic) SYNTH=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

SHARED="${LLMKIT_SHARED_MODELS:-../shared/models}"
SYNTH_DIR="${LLMKIT_BENCH_MODELS:-/tmp/llmkit-bench-models}"
JAR=benchmarks/target/benchmarks.jar

mvn -B -q -ntp -pl benchmarks -am package -DskipTests

models=()
for f in stories260K/stories260K.gguf stories260K/stories260K-F16.gguf \
         stories260K/stories260K-Q8_0.gguf stories260K/stories260K-Q4_0.gguf \
         llama-2-tiny-random/llama-2-tiny-random.gguf; do
  [[ -f "$SHARED/$f" ]] && models+=("$SHARED/$f")
done
if [[ "$SYNTH" == 1 ]]; then
  mkdir -p "$SYNTH_DIR"
  for t in F16 Q8_0 Q4_0; do
    out="$SYNTH_DIR/synth-1024x8-$t.gguf"
    [[ -f "$out" ]] || java -cp "$JAR" dev.llmkit.benchmarks.SyntheticGguf --out "$out" --type "$t" \
        --dim 1024 --layers 8 --heads 16 --ffn 2816 --vocab 32000
    models+=("$out")
  done
fi
for m in ${MODELS:-}; do models+=("$m"); done

engines=api,engine
[[ "$SCALAR" == 1 ]] && engines="$engines,engine-scalar"
engines="$engines,llama.cpp"

args=()
for m in "${models[@]}"; do args+=(--model "$m"); done
java -jar "$JAR" "${args[@]}" --threads "$THREADS" --repeats "$REPEATS" --warmup 1 \
    --prompt-tokens "$PROMPT" --gen "$GEN" --engines "$engines" --out benchmarks/target/results.md
