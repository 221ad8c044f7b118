#!/usr/bin/env bash
# Builds llama.cpp natively (for this machine's CPU) from the sources that the npm package
# node-llama-cpp ships as a git bundle, and leaves llama-bench in $LLAMA_CPP_HOME/build/bin.
# Not part of CI: it needs npm, git, cmake and a C++ compiler, and takes 10-30 minutes on 2 cores.
#
#   benchmarks/llama-cpp/build.sh            # builds into ${LLAMA_CPP_HOME:-$HOME/.cache/llmkit/llama-cpp}
#   LLAMA_CPP_JOBS=2 benchmarks/llama-cpp/build.sh
set -euo pipefail

PKG_VERSION="${NODE_LLAMA_CPP_VERSION:-3.22.1}"   # carries llama.cpp de3ff81
HOME_DIR="${LLAMA_CPP_HOME:-$HOME/.cache/llmkit/llama-cpp}"
JOBS="${LLAMA_CPP_JOBS:-2}"
NICE="${LLAMA_CPP_NICE:-15}"

for tool in npm git cmake c++; do
  command -v "$tool" >/dev/null || { echo "build.sh: '$tool' is missing (apt-get install -y cmake g++ git npm)" >&2; exit 2; }
done

mkdir -p "$HOME_DIR"
cd "$HOME_DIR"
if [[ ! -f "node-llama-cpp-$PKG_VERSION.tgz" ]]; then
  npm pack --silent "node-llama-cpp@$PKG_VERSION" >/dev/null 2>&1
fi
if [[ ! -d src/.git ]]; then
  tar xzf "node-llama-cpp-$PKG_VERSION.tgz" package/llama/gitRelease.bundle
  git -c advice.detachedHead=false clone -q package/llama/gitRelease.bundle src
fi
echo "llama.cpp commit: $(git -C src rev-parse --short HEAD)"

cmake -S src -B build -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=OFF \
  -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF \
  -DLLAMA_BUILD_TOOLS=ON >/dev/null
nice -n "$NICE" cmake --build build --config Release -j "$JOBS" --target llama-bench
echo "llama-bench: $HOME_DIR/build/bin/llama-bench"
