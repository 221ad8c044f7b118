// greedy-ids: greedy token ids of native llama.cpp for given prompt ids, as JSON on stdout.
//
//   greedy-ids MODEL.gguf N_CTX N_PREDICT PROMPT [PROMPT...]
//     PROMPT: comma-separated token ids fed as they are (no tokenizer involved), e.g. 1,17,200
//
// Settings (fixed, see record-refs.sh): CPU only, 2 threads, n_batch = n_ubatch = N_CTX, KV cache
// F32 for keys and values, flash attention off, a fresh context per prompt, the whole prompt in one
// llama_decode call and then one token per call, greedy argmax with ties to the lowest id, no stop
// at end-of-generation tokens. Per step it also prints the 10 largest logits, which the Java test
// uses to tell a real difference from a near tie.
//
// Output: {"n_ctx":..,"n_vocab":..,"system_info":"CPU : ...","cases":[{"prompt_token_ids":[..],"token_ids":[..],
//          "top10":[[[id,logit],..],..]}]}

#include "llama.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<llama_token> parse_ids(const std::string & text) {
    std::vector<llama_token> ids;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (!item.empty()) {
            ids.push_back((llama_token) std::strtol(item.c_str(), nullptr, 10));
        }
    }
    return ids;
}

// Indices of the k largest values, largest first; equal values by lower index.
std::vector<int> top_k(const float * logits, int n, int k) {
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int a, int b) {
        return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
    });
    order.resize(k);
    return order;
}

void quiet_log(ggml_log_level level, const char * text, void *) {
    if (level == GGML_LOG_LEVEL_ERROR || level == GGML_LOG_LEVEL_WARN) {
        std::fputs(text, stderr);
    }
}

}  // namespace

int main(int argc, char ** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s MODEL.gguf N_CTX N_PREDICT PROMPT_IDS [PROMPT_IDS...]\n", argv[0]);
        return 2;
    }
    const int n_ctx = std::atoi(argv[2]);
    const int n_predict = std::atoi(argv[3]);
    llama_log_set(quiet_log, nullptr);
    llama_backend_init();

    llama_model_params mp = llama_model_default_params();
    mp.n_gpu_layers = 0;
    llama_model * model = llama_model_load_from_file(argv[1], mp);
    if (model == nullptr) {
        std::fprintf(stderr, "cannot load %s\n", argv[1]);
        return 1;
    }
    const int n_vocab = llama_vocab_n_tokens(llama_model_get_vocab(model));

    std::string system_info = llama_print_system_info();
    while (!system_info.empty() && system_info.back() == ' ') {
        system_info.pop_back();
    }
    std::printf("{\"n_ctx\":%d,\"n_vocab\":%d,\"system_info\":\"%s\",\"cases\":[", n_ctx, n_vocab,
                system_info.c_str());
    for (int p = 4; p < argc; p++) {
        std::vector<llama_token> prompt = parse_ids(argv[p]);
        llama_context_params cp = llama_context_default_params();
        cp.n_ctx = n_ctx;
        cp.n_batch = n_ctx;
        cp.n_ubatch = n_ctx;
        cp.n_threads = 2;
        cp.n_threads_batch = 2;
        cp.type_k = GGML_TYPE_F32;
        cp.type_v = GGML_TYPE_F32;
        cp.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_DISABLED;
        cp.no_perf = true;
        llama_context * ctx = llama_init_from_model(model, cp);
        if (ctx == nullptr) {
            std::fprintf(stderr, "cannot create a context\n");
            return 1;
        }
        std::vector<llama_token> generated;
        std::ostringstream top;
        llama_batch batch = llama_batch_get_one(prompt.data(), (int32_t) prompt.size());
        for (int step = 0; step < n_predict; step++) {
            if (llama_decode(ctx, batch) != 0) {
                std::fprintf(stderr, "llama_decode failed at step %d\n", step);
                return 1;
            }
            const float * logits = llama_get_logits_ith(ctx, -1);
            std::vector<int> best = top_k(logits, n_vocab, 10);
            top << (step == 0 ? "" : ",") << "[";
            for (size_t j = 0; j < best.size(); j++) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%s[%d,%.8g]", j == 0 ? "" : ",", best[j], logits[best[j]]);
                top << buf;
            }
            top << "]";
            generated.push_back(best[0]);
            batch = llama_batch_get_one(&generated.back(), 1);
        }
        llama_free(ctx);

        std::printf("%s{\"prompt_token_ids\":[", p == 4 ? "" : ",");
        for (size_t i = 0; i < prompt.size(); i++) {
            std::printf("%s%d", i == 0 ? "" : ",", prompt[i]);
        }
        std::printf("],\"token_ids\":[");
        for (size_t i = 0; i < generated.size(); i++) {
            std::printf("%s%d", i == 0 ? "" : ",", generated[i]);
        }
        std::printf("],\"top10\":[%s]}", top.str().c_str());
    }
    std::printf("]}\n");
    llama_model_free(model);
    llama_backend_free();
    return 0;
}
