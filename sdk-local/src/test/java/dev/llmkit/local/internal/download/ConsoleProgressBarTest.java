package dev.llmkit.local.internal.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
  @Test
  void rendersBarPercentAndMegabytes() {
    assertThat(ConsoleProgressBar.render("m.gguf", 69_000_000, 138_000_000))
        .isEqualTo("m.gguf [##########----------]  50%  69.0 / 138.0 MB");
    assertThat(ConsoleProgressBar.render("m.gguf", 2_500_000, -1)).isEqualTo("m.gguf 2.5 MB");
  }

  @Test
  void redrawsAtMostEvery200MillisecondsButAlwaysAtTheEnd() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong clock = new AtomicLong();
    ConsoleProgressBar bar =
        new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get);

    bar.onProgress("f", 0, 100);
    clock.set(100_000_000);
    bar.onProgress("f", 10, 100); // too soon: skipped
    clock.set(250_000_000);
    bar.onProgress("f", 40, 100);
    clock.set(260_000_000);
    bar.onProgress("f", 100, 100); // finished: always drawn
    bar.onComplete("f", Path.of("f"));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.split("\r", -1)).hasSize(4);
    assertThat(out).doesNotContain(" 10%").contains("  0%").contains(" 40%").contains("100%");
    assertThat(out).endsWith(System.lineSeparator());
  }
}
