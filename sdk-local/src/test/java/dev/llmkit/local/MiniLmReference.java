package dev.llmkit.local;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reference for all-MiniLM-L6-v2: langchain4j's ONNX Runtime model (the vectors a Java user
 * gets today) and the Hugging Face tokenizer of the same artifact (DJL's binding of the Rust
 * tokenizers), plus a varied sentence set to compare on.
 */
public final class MiniLmReference {
  /** The shared GGUF conversion of the same weights. */
  public static final String GGUF = "all-MiniLM-L6-v2/all-MiniLM-L6-v2-f16.gguf";

  /** The artifact's tokenizer.json truncates at 128 tokens; compare long texts at that limit. */
  public static final int REFERENCE_MAX_TOKENS = 128;

  private MiniLmReference() {}

  /** The ONNX Runtime model, embedding on the caller's thread for single texts. */
  public static AllMiniLmL6V2EmbeddingModel onnx() {
    return new AllMiniLmL6V2EmbeddingModel();
  }

  /** The reference vectors of {@code texts} (mean-pooled, L2-normalised), in order. */
  public static List<float[]> onnxVectors(AllMiniLmL6V2EmbeddingModel model, List<String> texts) {
    List<TextSegment> segments = new ArrayList<>();
    for (String t : texts) {
      segments.add(TextSegment.from(t));
    }
    List<float[]> out = new ArrayList<>();
    model.embedAll(segments).content().forEach(e -> out.add(e.vector()));
    return out;
  }

  /**
   * The artifact's Hugging Face tokenizer, without truncation or padding; encode with {@code
   * encode(text, false, false)} for the ids between {@code [CLS]} and {@code [SEP]}.
   */
  public static HuggingFaceTokenizer tokenizer(Path tempDir) {
    Path json = tempDir.resolve("all-minilm-l6-v2-tokenizer.json");
    try (InputStream in =
        Objects.requireNonNull(
            AllMiniLmL6V2EmbeddingModel.class
                .getClassLoader()
                .getResourceAsStream("all-minilm-l6-v2-tokenizer.json"),
            "tokenizer resource")) {
      Files.copy(in, json, StandardCopyOption.REPLACE_EXISTING);
      return HuggingFaceTokenizer.builder()
          .optTokenizerPath(json)
          .optTruncation(false)
          .optPadding(false)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * 60 texts: plain English, accents, Greek, CJK, emoji, odd whitespace and controls, special token
   * strings, code, numbers, and one long text (over 128 tokens).
   */
  public static List<String> sentences() {
    List<String> s =
        new ArrayList<>(
            List.of(
                "The quick brown fox jumps over the lazy dog.",
                "A man is eating food.",
                "A man is eating a piece of bread.",
                "The girl is carrying a baby.",
                "A man is riding a horse.",
                "A woman is playing violin.",
                "Two men pushed carts through the woods.",
                "A monkey is playing drums.",
                "Someone in a gorilla costume is playing a set of drums.",
                "How do I reset my password?",
                "Quarterly revenue grew by 12% to $4.5 billion, beating estimates.",
                "Please send the invoice to billing@example.com before 5 p.m.",
                "Café crème, naïve résumé, jalapeño, façade, coöperate.",
                "Ça va? Über schöne Straßen fährt der Bäcker nach Zürich.",
                "ÉCOLE NORMALE SUPÉRIEURE À PARIS",
                "El niño comió piña en la montaña.",
                "ΣΟΦΟΣ ΑΝΘΡΩΠΟΣ and σοφός άνθρωπος.",
                "Οδυσσέας ταξίδεψε στην Ιθάκη.",
                "Москва — столица России.",
                "東京は日本の首都です。",
                "我爱自然语言处理和机器学习。",
                "서울은 한국의 수도입니다.",
                "Mixed 中文 and English words 混合 text.",
                "I love pizza 🍕 and ice cream 🍦!",
                "Party time 🥳🎉 with friends 👩‍👩‍👧‍👦.",
                "line\u2028separator and paragraph\u2029separator",
                "tab\tseparated\tvalues\nand new lines\r\nhere",
                "no\u00A0break\u2003em\u3000ideographic spaces",
                "private\uE000use char and \uF8FF apple logo",
                "zero\u200Bwidth joiner\u200D and BOM\uFEFF inside",
                "control\u0007bell and\u000Bvertical tab\u000C form feed\u0085nel",
                "What is [MASK] in Paris?",
                "[CLS] a sentence [SEP] another sentence [SEP]",
                "padding [PAD][PAD] and unknown [UNK] tokens",
                "lowercase [cls] and [mask] are not special",
                "[unused0] and [unused1] look special but are not",
                "if (x != null && x.size() > 0) { return x.get(0); }",
                "SELECT name, COUNT(*) FROM users GROUP BY name;",
                "https://example.com/path?query=1&b=two#fragment",
                "3.14159 2,718 1e-9 0x1F 1/2 ½ ² ①",
                "¿Dónde está la biblioteca? ¡Aquí!",
                "«Guillemets» and „German quotes“ and “curly” ‘quotes’",
                "em—dash en–dash and ellipsis…",
                "İstanbul ve Ankara Türkiye'nin şehirleri.",
                "Straße STRASSE ẞ ß",
                "ﬁnance ﬂower ligatures and Ⅻ roman numerals",
                "Tiếng Việt có nhiều dấu thanh.",
                "हिन्दी भाषा भारत में बोली जाती है।",
                "العربية لغة جميلة",
                "עברית היא שפה עתיקה",
                "supercalifragilisticexpialidocious antidisestablishmentarianism",
                "a".repeat(120) + " overlong word",
                "Hello",
                "?!",
                "The cat sat on the mat. The dog sat on the log.",
                "Embedding models map text to vectors for semantic search.",
                "Retrieval augmented generation combines search with language models.",
                "unassigned \u0378 code point and lone \uD800 surrogate",
                "MiXeD CaSe WoRdS ShOuLd MaTcH"));
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      longText.append("Sentence number ").append(i).append(" talks about embeddings. ");
    }
    s.add(longText.toString());
    return s;
  }
}
