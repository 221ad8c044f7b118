package dev.llmkit.local.internal.tensor;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.ThreadMXBean;
import dev.llmkit.local.internal.gguf.GgmlType;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import org.jspecify.annotations.Nullable;

/**
 * Gets the Vector API kernels compiled by C2 before real work calls them, so that the first request
 * on a cold JVM runs at full speed and leaves no garbage.
 *
 * <p><b>Why.</b> Until C2 has compiled a kernel, every vector operation in it runs in the Vector
 * API's Java fallback and allocates its result: the first request on a cold JVM ran several times
 * slower than the next ones and allocated gigabytes (BENCHMARKS.md, "First request on a cold JVM").
 * And what C2 compiles in the middle of that request can stay slow for the life of the process: a
 * long-running kernel first compiled by on-stack replacement (its vector locals arrive untyped from
 * the interpreter's frame), or a kernel compiled from a profile taken while the compile queue was
 * long (C1 then compiles without call-site counts, C2 judges a helper such as {@link
 * VectorMath#exp} cold, calls it out of line and boxes its vectors on every call — measured on
 * attention's softmax).
 *
 * <p><b>How.</b> One kernel at a time (so the compile queue stays short and each profile complete),
 * each is called on tiny inputs, shaped so that every loop takes its back edge and every branch a
 * real row takes is taken, in rounds of {@value #ROUND} calls until a round allocates nothing on
 * this thread: compiled Vector API code keeps its vectors in registers, the fallback allocates each
 * one. A kernel that gets no nearer for {@value #PATIENCE_ROUNDS} rounds is left to compile during
 * real work (a loaded machine, or a JVM without C2). Each task runs once per process. Warm-up only
 * runs the kernels on scratch arrays: results of real work do not depend on it (the kernels are
 * deterministic, and compiled and fallback code compute the same operations).
 *
 * <p>Called after the kernel classes are initialised ({@link VectorKernels#warmUp} from the kernel
 * selection, {@link VectorKernels#warmUp(Collection, boolean)} when a model is loaded): C2 code
 * compiled while a class is still initialising is thrown away at its first call after.
 */
final class VectorWarmUp {
  /** System property that, set to {@code false}, skips the warm-up. */
  static final String PROPERTY = "llmkit.local.warm-up";

  /** Calls between two reads of the thread's allocation counter. */
  static final int ROUND = 64;

  /** Calls after which a kernel is given up on in any case. */
  static final int MAX_CALLS = 100_000;

  /**
   * Rounds after {@link #QUEUED_AFTER} calls without a round that allocated less than every round
   * before, after which a kernel is given up on: no compile has landed for a while (a kernel of
   * several methods gets there one compile at a time, each a step down). Past that, waiting costs
   * more start-up time than the kernel's compile during real work would.
   */
  static final int PATIENCE_ROUNDS = 384;

  /** Head length of the attention tasks. */
  private static final int HEAD = 8;

  /**
   * Rounds in a row that allocated at most a sixteenth of the first round's bytes, after which a
   * kernel counts as compiled although its C2 code still allocates (a call C2 did not inline; see
   * the class comment).
   */
  static final int SETTLED_ROUNDS = 16;

  /**
   * Calls after which the compile is queued (C2's thresholds with a short queue); from then on each
   * round is followed by a pause of {@value #WAIT_NANOS} ns, so that on a busy machine the compiler
   * thread gets the processor rather than more calls in the fallback.
   */
  static final int QUEUED_AFTER = 8_192;

  static final long WAIT_NANOS = 1_000_000;

  /** Calls per kernel where the JVM has no per-thread allocation counter. */
  static final int FIXED_CALLS = 6_000;

  private static final int L = FloatVector.SPECIES_PREFERRED.length();

  /** Names of the tasks that ran in this process. */
  private static final Set<String> DONE = new HashSet<>();

  private VectorWarmUp() {}

  /**
   * One kernel on tiny inputs; {@code call.accept(i)} is the i-th call, which may pick a shape by
   * {@code i}.
   */
  record Task(String name, IntConsumer call) {}

  /** How warming one kernel went: calls made, and whether its last round allocated nothing. */
  record Outcome(String name, int calls, boolean allocationFree, long nanos) {}

  /**
   * Whether a model's kernels are warmed up when it loads: only when asked for with {@value
   * #PROPERTY}{@code =true}, and not in a JVM without C2 ({@code -Xint}, {@code
   * -XX:TieredStopAtLevel} below 4), where nothing would come of it. Off by default: C2 then
   * compiles the matrix × vector kernels from the tiny inputs' profiles, and later generation ran
   * slower (BENCHMARKS.md, "First request on a cold JVM"). The prompt tiles are always warmed up
   * (see {@link VectorGemm}).
   */
  static boolean enabled() {
    return "true".equalsIgnoreCase(System.getProperty(PROPERTY, "false").trim())
        && Compiler.OPTIMIZING;
  }

  /**
   * Whether C2 runs, looked up when first needed (by the warm-up, on its background thread): the
   * management beans take about 20 ms to start on a cold JVM, which the kernel selection, which
   * loads this class, would otherwise spend while a first load waits for it.
   */
  private static final class Compiler {
    static final boolean OPTIMIZING = optimizingCompiler();

    private Compiler() {}
  }

  private static boolean optimizingCompiler() {
    try {
      HotSpotDiagnosticMXBean vm =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (vm == null) {
        return true;
      }
      boolean compiler = "true".equals(vm.getVMOption("UseCompiler").getValue());
      boolean tiered = "true".equals(vm.getVMOption("TieredCompilation").getValue());
      int stopAt = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue());
      return compiler && (!tiered || stopAt >= 4);
    } catch (RuntimeException | LinkageError e) {
      return true; // not HotSpot, or no management module: try
    }
  }

  /**
   * Runs the tasks not run before in this process, one after the other, each until a round of calls
   * allocates nothing or {@code maxCalls} calls; returns what each took.
   */
  static synchronized List<Outcome> run(List<Task> tasks, int maxCalls) {
    List<Outcome> outcomes = new ArrayList<>();
    if (!Compiler.OPTIMIZING) {
      return outcomes;
    }
    for (Task task : tasks) {
      if (DONE.add(task.name())) {
        outcomes.add(warm(task, maxCalls));
      }
    }
    log(outcomes);
    return outcomes;
  }

  /**
   * Calls each task once per shape it cycles through (calls 0 and 1: the long and the short row, or
   * the tile with and without a whole block) on this thread: a kernel that does not link on this
   * JVM throws its {@link LinkageError} here.
   */
  static void callOnce(List<Task> tasks) {
    for (Task task : tasks) {
      task.call().accept(0);
      task.call().accept(1);
    }
  }

  private static Outcome warm(Task task, int maxCalls) {
    long start = System.nanoTime();
    IntConsumer call = task.call();
    ThreadMXBean counter = AllocationCounter.BEAN;
    if (counter == null) {
      for (int i = 0; i < FIXED_CALLS; i++) {
        call.accept(i);
      }
      return new Outcome(task.name(), FIXED_CALLS, false, System.nanoTime() - start);
    }
    int calls = 0;
    long first = -1;
    int settledRounds = 0;
    long least = Long.MAX_VALUE;
    int stale = 0;
    while (true) {
      long before = counter.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < ROUND; i++) {
        call.accept(calls + i);
      }
      calls += ROUND;
      long bytes = counter.getCurrentThreadAllocatedBytes() - before;
      if (first < 0) {
        first = bytes;
      }
      settledRounds = bytes <= first / 16 ? settledRounds + 1 : 0;
      boolean settled = settledRounds >= SETTLED_ROUNDS;
      stale = bytes < least ? 0 : stale + 1;
      least = Math.min(least, bytes);
      boolean givenUp = calls >= maxCalls || (calls >= QUEUED_AFTER && stale >= PATIENCE_ROUNDS);
      if (bytes == 0 || settled || givenUp) {
        return new Outcome(task.name(), calls, bytes == 0, System.nanoTime() - start);
      }
      if (calls >= QUEUED_AFTER) {
        LockSupport.parkNanos(WAIT_NANOS); // leave the processor to the compiler thread
      }
    }
  }

  private static void log(List<Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    System.Logger log = System.getLogger("dev.llmkit.local");
    if (!log.isLoggable(Level.DEBUG)) {
      return;
    }
    long nanos = 0;
    List<String> slow = new ArrayList<>();
    for (Outcome o : outcomes) {
      log.log(
          Level.TRACE,
          () ->
              "llmkit local engine: warm-up of "
                  + o.name()
                  + ": "
                  + o.calls()
                  + " calls, "
                  + o.nanos() / 1_000_000
                  + " ms"
                  + (o.allocationFree() ? "" : ", still allocating"));
      nanos += o.nanos();
      if (!o.allocationFree()) {
        slow.add(o.name());
      }
    }
    log.log(
        Level.DEBUG,
        "llmkit local engine: warmed up "
            + outcomes.size()
            + " vector kernels in "
            + nanos / 1_000_000
            + " ms"
            + (slow.isEmpty() ? "" : "; not compiled yet: " + String.join(", ", slow)));
  }

  /**
   * The per-thread allocation counter, looked up on first use: the management beans take about 10
   * ms to start, which {@link #callOnce} on the loading thread does not need; {@link #warm} runs on
   * the background warm-up thread.
   */
  private static final class AllocationCounter {
    static final @Nullable ThreadMXBean BEAN = lookUp();

    private AllocationCounter() {}

    private static @Nullable ThreadMXBean lookUp() {
      try {
        if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean) {
          ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
          if (bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean;
          }
        }
      } catch (RuntimeException | LinkageError e) {
        // no management module in this runtime: fixed call counts
      }
      return null;
    }
  }

  // ---- the tasks ----

  /**
   * The prompt-batch kernels every model uses: the register tiles of {@link VectorGemm}, the
   * dot-product tiles of small batches ({@link MatMul}) and the FFN's gated activation.
   */
  static List<Task> promptTasks(Kernels kernels) {
    List<Task> tasks = new ArrayList<>();
    float[] w = floats(VectorGemm.ROWS * (VectorGemm.BLOCK + 4), 1);
    float[] xt = floats(2 * L * (VectorGemm.BLOCK + 4), 2);
    float[] tile = new float[VectorGemm.ROWS * 2 * L];
    tasks.add(new Task("VectorGemm.tile6x2", i -> VectorGemm.tile6x2(w, gemmCols(i), xt, 0, tile)));
    tasks.add(new Task("VectorGemm.tile6x1", i -> VectorGemm.tile6x1(w, gemmCols(i), xt, 0, tile)));
    float[] x = floats(4 * (5 * L + 3), 3);
    float[] out = new float[16];
    tasks.add(new Task("dot4x4", i -> kernels.dot4x4(w, 0, x, 0, rowCols(i), rowCols(i), out)));
    tasks.add(new Task("dot2x4", i -> kernels.dot2x4(w, 0, x, 0, rowCols(i), rowCols(i), out)));
    tasks.add(new Task("dot", i -> out[0] = kernels.dot(w, 0, x, 0, rowCols(i))));
    float[] gate = new float[5 * L + 3];
    float[] up = floats(gate.length, 5);
    tasks.add(
        new Task(
            "gatedActivation",
            i -> {
              // fresh inputs each call (the kernel writes over its gate); SiLU and GELU in turn
              System.arraycopy(x, 0, gate, 0, gate.length);
              kernels.gatedActivation((i & 2) != 0, gate, up, 0, rowCols(i));
            }));
    return tasks;
  }

  /**
   * Row length of the i-th tile call: 4, or one block and 4 every 32nd call, so that the loop over
   * blocks takes its back edge in the profile (not more often: uncompiled, such a call takes
   * milliseconds).
   */
  private static int gemmCols(int i) {
    return (i & 31) == 0 ? VectorGemm.BLOCK + 4 : 4;
  }

  /**
   * Row length of the i-th float-row call: alternately 5L + 3 (loops of two and one vectors and a
   * scalar tail) and 4L (whole vectors only).
   */
  private static int rowCols(int i) {
    return (i & 1) == 0 ? 5 * L + 3 : 4 * L;
  }

  /**
   * The kernels of a model with these weight matrices: per tensor type (and heap form) its matrix ×
   * vector kernel, its row decoder and, for Q8_0 and Q4_0, the step kernels; and attention over a
   * half-precision or float KV cache.
   */
  static List<Task> modelTasks(
      Kernels kernels, Collection<FloatTensor> weights, boolean halfCache) {
    Map<String, FloatTensor[]> forms = new LinkedHashMap<>();
    for (FloatTensor w : weights) {
      String form = w.type() + (w.onHeap() ? " on heap" : "");
      if (!forms.containsKey(form)) {
        forms.put(form, new FloatTensor[] {sample(w, 0), sample(w, 1)});
      }
    }
    List<Task> tasks = new ArrayList<>();
    float[] x = floats(2 * 1024, 4);
    float[] out = new float[2 * 1024];
    for (Map.Entry<String, FloatTensor[]> e : forms.entrySet()) {
      FloatTensor[] ws = e.getValue();
      String form = e.getKey();
      tasks.add(
          new Task(
              "dotRows " + form,
              i -> {
                FloatTensor w = ws[i & 1];
                kernels.dotRows(w, 0, w.rows(), x, 0, out, 0);
              }));
      if (VectorTiles.decodesInRegisters(ws[0])) {
        tasks.add(
            new Task(
                "decodeRow " + form,
                i -> {
                  FloatTensor w = ws[i & 1];
                  kernels.decodeRow(w, i % w.rows(), out, 0);
                }));
      }
    }
    tasks.addAll(attentionTasks(halfCache));
    return tasks;
  }

  /**
   * A small tensor of {@code w}'s type and form over random bytes: 5 rows (one group of four and
   * one more for the Q8_0 row kernel), of four or five quantization blocks (shape 0 or 1; K-quants:
   * one or two super-blocks; plain floats: 4L or 5L + 3 elements), so that block-pair loops run
   * twice and take their odd-block branch.
   */
  private static FloatTensor sample(FloatTensor w, int shape) {
    GgmlType type = w.type();
    int block = type.blockSize();
    int cols;
    if (block == 1) {
      cols = shape == 0 ? 5 * L + 3 : 4 * L;
    } else if (block >= 256) {
      cols = (shape + 1) * block;
    } else {
      cols = (4 + shape) * block;
    }
    int rows = 5;
    int size = (int) type.byteSize((long) rows * cols);
    return TensorTypes.create(type, sampleBytes(w, size), rows, cols, w.onHeap());
  }

  /**
   * The first {@code size} bytes of {@code w}'s own buffer where it is direct and that large (a
   * mapped file), else random bytes in a read-only direct buffer. The model's own buffer makes the
   * sample's memory segment the same class as the weights' ({@code MemorySegment.ofBuffer} over a
   * mapped file and over {@code allocateDirect} give two), so C2 compiles the in-place kernels of
   * {@link SegmentLoads} for the class real work brings, instead of trapping and recompiling in the
   * first request (measured on JDK 25: 67–73 MB allocated by the first forward after the warm-up
   * instead of 2–4). Any bytes are valid blocks; the sample is only read.
   */
  private static ByteBuffer sampleBytes(FloatTensor w, int size) {
    ByteBuffer own = w.data;
    if (own.isDirect() && own.capacity() >= size) {
      return own.duplicate().clear().limit(size).slice().asReadOnlyBuffer();
    }
    byte[] bytes = halfSafeBytes(size, w.type().ordinal());
    // direct and read-only, as the mapped file is: C2 specialises buffer access on the class
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
  }

  /**
   * Random bytes of which any two, read as a half-precision number, make a normal one (no zero,
   * subnormal, infinity or NaN scales).
   */
  private static byte[] halfSafeBytes(int n, int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      int v = 0x04 + random.nextInt(0x74);
      b[i] = (byte) (random.nextBoolean() ? v | 0x80 : v);
    }
    return b;
  }

  /** n random floats in [-1, 1). */
  private static float[] floats(int n, int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (2 * random.nextDouble() - 1);
    }
    return f;
  }

  /**
   * Attention over a few tiles: scores of one, two or three tiles (the two- and one-unit kernels),
   * softmax over a length with and without a tail, weighted sums with edge positions, for heads of
   * {@value #HEAD} elements (an even length, as every real head has).
   */
  static List<Task> attentionTasks(boolean halfCache) {
    AttentionKernels a = VectorAttentionKernels.INSTANCE;
    int tile = AttentionKernels.TILE;
    int tiles = 3;
    int maxLen = HEAD;
    float[] q = floats(maxLen, 6);
    float[] scores = new float[tiles * tile];
    float[] p = floats(tiles * tile, 7);
    float[] out = new float[maxLen];
    List<Task> tasks = new ArrayList<>();
    if (halfCache) {
      short[] cache = new short[tiles * tile * maxLen];
      float[] values = floats(cache.length, 8);
      for (int i = 0; i < cache.length; i++) {
        cache[i] = Float16.fromFloat(values[i]);
      }
      tasks.add(
          new Task(
              "attention scores f16",
              i -> a.scores(cache, 0, HEAD, 0, 1 + i % tiles, q, 0, 0.125f, scores)));
      tasks.add(
          new Task(
              "attention weightedSum f16",
              i -> a.weightedSum(cache, 0, HEAD, i % 5, positions(i), p, out, 0)));
    } else {
      float[] cache = floats(tiles * tile * maxLen, 8);
      tasks.add(
          new Task(
              "attention scores f32",
              i -> a.scores(cache, 0, HEAD, 0, 1 + i % tiles, q, 0, 0.125f, scores)));
      tasks.add(
          new Task(
              "attention weightedSum f32",
              i -> a.weightedSum(cache, 0, HEAD, i % 5, positions(i), p, out, 0)));
    }
    float[] logits = floats(tiles * tile, 9);
    // first on its own: compiled before softmax, it stays a call of softmax's (inlined, it can
    // push softmax past C2's node budget and leave the vector exp out of line, boxing)
    tasks.add(
        new Task(
            "attention exponentials",
            i -> {
              int to = positions(i);
              for (int t = 0; t < to; t++) {
                scores[t] = 4 * logits[t];
              }
              out[0] = VectorAttentionKernels.exponentials(scores, 0, to & -L, 1f);
            }));
    tasks.add(
        new Task(
            "attention softmax",
            i -> {
              int to = positions(i);
              for (int t = 0; t < to; t++) {
                scores[t] = 4 * logits[t];
              }
              a.softmax(scores, 0, to);
            }));
    return tasks;
  }

  /** Positions of the i-th call: all three tiles, or a length with a tail, alternately. */
  private static int positions(int i) {
    return (i & 1) == 0 ? 3 * AttentionKernels.TILE : 3 * AttentionKernels.TILE - 11;
  }
}
