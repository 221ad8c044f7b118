#!/usr/bin/env bash
# Runs the commands README.md gives a newcomer, as written there, after the build (.ci/run):
#  - the quick start keeps exactly two commands; the second (the test suite) is .ci/run itself;
#  - the first (a local chat through the StreamingChat example) prints a reply;
#  - the Spring example's spring-boot:run command starts the app, which answers POST /chat.
# CI has no Hugging Face access, so the default hf: model is replaced by the shared stories260K
# GGUF through the override the README documents (-Dllmkit.local.model / run arguments).
set -euo pipefail
cd "$(dirname "$0")/.."
models="$(realpath -m "${LLMKIT_SHARED_MODELS:-../shared/models}")"
model="$models/stories260K/stories260K.gguf"
[ -f "$model" ] || { echo "readme-commands: $model is missing" >&2; exit 1; }
fail() { echo "readme-commands: $*" >&2; exit 1; }

# The quick start block: the commands after "# 1." and "# 2.".
quick="$(awk '/^From a clone of this repository/{on=1} on&&/^```bash/{b=1;next} b&&/^```/{exit} b' README.md)"
commands="$(printf '%s\n' "$quick" | grep -v '^#' | grep -v '^[[:space:]]*$')"
[ "$(printf '%s\n' "$commands" | wc -l)" = 2 ] || fail "the quick start has not exactly two commands: $commands"
first="$(printf '%s\n' "$commands" | sed -n 1p)"
second="$(printf '%s\n' "$commands" | sed -n 2p)"
grep -qF -- "$second" .ci/run || fail "the second command ($second) is not what .ci/run runs"

echo "readme-commands: $first -Dllmkit.local.model=$model"
out="$(eval "$first -Dllmkit.local.model=$model -Dllmkit.local.threads=2")" \
  || fail "the first quick-start command failed"
[ -n "$(printf '%s' "$out" | tr -d '[:space:]')" ] || fail "the first command printed no reply"

# The Spring example, local provider, as README "Spring Boot chat app" writes it.
spring="$(grep -m1 -E '^mvn .*spring-boot-app .*spring-boot:run +#' README.md | sed 's/ *#.*//')"
[ -n "$spring" ] || fail "README has no spring-boot:run command"
port=18089
log="$(mktemp)"
echo "readme-commands: $spring (model $model, port $port)"
# In its own process group, so that Maven and the app JVM it forks stop together.
setsid bash -c "$spring -Dspring-boot.run.arguments='--llmkit.local.model=$model --server.port=$port'" \
  >"$log" 2>&1 &
app=$!
trap 'kill -- "-$app" 2>/dev/null || true' EXIT
reply=""
for _ in $(seq 1 180); do
  if reply="$(curl -sf -H 'Content-Type: application/json' -d '{"message":"Once upon a time"}' \
      "http://127.0.0.1:$port/chat")"; then
    break
  fi
  kill -0 "$app" 2>/dev/null || { cat "$log" >&2; fail "the Spring example stopped"; }
  sleep 1
done
printf '%s' "$reply" | grep -q '"reply"' || { cat "$log" >&2; fail "POST /chat gave: $reply"; }
echo "readme-commands: ok"
