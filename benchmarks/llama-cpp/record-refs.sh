#!/usr/bin/env bash
# Records native llama.cpp's greedy token ids for the seeded random-weight GGUF files that sdk-local's
# test code writes (dev.llmkit.local.testing.SeededModels), as the JSON test resources
# sdk-local/src/test/resources/llama-cpp-refs/<name>.json that SeededLlamaCppReferenceTest reads.
# Not part of CI (CI has no llama.cpp; the committed JSON files are the reference there). Re-run it
# after changing SeededModels, the prompts below, or the llama.cpp version.
#
#   benchmarks/llama-cpp/record-refs.sh              # all files
#   benchmarks/llama-cpp/record-refs.sh llama-Q3_K   # only these
#
# Needs: the llama.cpp build of build.sh (from the sources in npm node-llama-cpp 3.22.1; it is run
# when $LLAMA_CPP_HOME/build/src/libllama.a is missing), a C++ compiler with OpenMP, Maven, a JDK,
# jq and sha256sum. Each JSON file records the llama.cpp commit, the GGUF file's SHA-256 and size
# (the test rewrites the file and checks both, so a reference provably belongs to those bytes), the
# prompt ids, and per step the greedy id and llama.cpp's 10 largest logits.
set -euo pipefail
cd "$(dirname "$0")/../.."

HOME_DIR="${LLAMA_CPP_HOME:-$HOME/.cache/llmkit/llama-cpp}"
NICE="${LLAMA_CPP_NICE:-10}"
OUT=sdk-local/src/test/resources/llama-cpp-refs
N_PREDICT=32
# Prompts (token ids, BOS = 1 first): a short one, one longer than the sliding window (8), BOS only.
PROMPTS=(1,260,300,45,100,280 1,270,3,77,310,290,265,12,200,300,301,259 1)

for tool in c++ mvn java jq sha256sum; do
  command -v "$tool" >/dev/null || { echo "record-refs.sh: '$tool' is missing" >&2; exit 2; }
done
if [[ ! -f "$HOME_DIR/build/src/libllama.a" ]]; then
  LLAMA_CPP_HOME="$HOME_DIR" benchmarks/llama-cpp/build.sh
fi
COMMIT=$(git -C "$HOME_DIR/src" rev-parse HEAD)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
B="$HOME_DIR/build"
nice -n "$NICE" c++ -O2 -std=c++17 -I"$HOME_DIR/src/include" -I"$HOME_DIR/src/ggml/include" \
  benchmarks/llama-cpp/greedy-ids.cpp -o "$WORK/greedy-ids" \
  "$B/src/libllama.a" "$B/ggml/src/libggml.a" "$B/ggml/src/libggml-cpu.a" "$B/ggml/src/libggml-base.a" \
  -fopenmp -lpthread -ldl -lm

mvn -B -q -ntp -pl sdk-local -am test-compile
java -cp sdk-local/target/test-classes:sdk-local/target/classes:sdk-api/target/classes \
  dev.llmkit.local.testing.SeededModels "$WORK/models" >/dev/null

mkdir -p "$OUT"
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  names=($(cd "$WORK/models" && ls *.gguf | sed 's/\.gguf$//'))
fi
for name in "${names[@]}"; do
  model="$WORK/models/$name.gguf"
  runs=()
  # LongRoPE files: a context beyond the original one (long factors) and within it (short factors)
  contexts=(512)
  [[ "$name" == phi3-longrope-* ]] && contexts=(512 256)
  # one-matrix probes (embd-*, head-*): the long prompt and 16 tokens are enough
  prompts=("${PROMPTS[@]}") n_predict=$N_PREDICT
  [[ "$name" == embd-* || "$name" == head-* ]] && prompts=("${PROMPTS[1]}") n_predict=16
  for n_ctx in "${contexts[@]}"; do
    nice -n "$NICE" "$WORK/greedy-ids" "$model" "$n_ctx" "$n_predict" "${prompts[@]}" \
      > "$WORK/$name.$n_ctx.json" 2> "$WORK/$name.$n_ctx.log" || { cat "$WORK/$name.$n_ctx.log" >&2; exit 1; }
    runs+=("$WORK/$name.$n_ctx.json")
  done
  jq -c -n --arg name "$name" --arg sha "$(sha256sum "$model" | cut -d' ' -f1)" \
    --argjson bytes "$(stat -c %s "$model")" --arg commit "$COMMIT" \
    '{schema: "llmkit-llama-cpp-greedy/v1",
      model: {name: $name, writer: "dev.llmkit.local.testing.SeededModels", sha256: $sha, bytes: $bytes},
      producer: {llama_cpp_commit: $commit, source: "npm node-llama-cpp 3.22.1 (llama/gitRelease.bundle)",
        driver: "benchmarks/llama-cpp/greedy-ids.cpp",
        settings: "CPU, 2 threads, KV cache F32, no flash attention, n_batch = n_ubatch = n_ctx, prompt in one batch then one token per decode, greedy argmax (ties to lowest id), no stop on EOS"},
      runs: [inputs]}' "${runs[@]}" > "$OUT/$name.json"
  echo "$OUT/$name.json"
done
