package dev.cinnabar.engine.lua.exec;

/**
 * The bounds one Lua run is held to. Immutable; start from {@link #DEFAULT} and change with the {@code with...}
 * methods.
 *
 * <ul>
 *   <li>{@code pollInterval}: how many poll events (interpreted Lua instructions; compiled function entries and
 *       loop back-edges) pass between two calls of the kill check and the heap check.</li>
 *   <li>{@code maxCallDepth}: nested Lua function calls (and {@code pcall}/{@code xpcall} levels) allowed on the
 *       thread that calls {@link ExecutionControl#run}; one more raises the Lua error {@code stack overflow}.
 *       The default ({@link #depthFor}: 480) fits a thread with the JVM's default 1 MiB stack (Netty's event
 *       loop threads have it), measured with the deepest Java frame chain per Lua level (a recursive
 *       {@code string.gsub} callback in the interpreter); raise it only together with the stack size of the
 *       thread the runs happen on, e.g. {@code withMaxCallDepth(depthFor(16 << 20))} for a 16 MiB thread.</li>
 *   <li>{@code maxCoroutineCallDepth}: the same on a coroutine's own thread (LuaJ starts those with the JVM's
 *       default stack size, {@code -Xss}). Resuming coroutines nested more than 200 deep (Lua 5.1's C call limit)
 *       raises {@code C stack overflow}, as in Redis.</li>
 *   <li>{@code maxCoroutines}: coroutines of one run that may be alive (created and not dead) at once; one more
 *       raises a Lua error. Each started coroutine is a Java thread in LuaJ.</li>
 *   <li>{@code heapLimitBytes}: heap in use after a garbage collection above which the run is aborted with
 *       {@code not enough memory}; 0 means the JVM's max heap less a reserve (a tenth of it, at least 64 MiB).</li>
 *   <li>{@code compile}: compile Lua to JVM bytecode (luajc, instrumented with the poll) where possible, else
 *       interpret.</li>
 * </ul>
 */
public final class ExecutionLimits {

    /** the stack the default depth bounds are made for: the JVM's default thread stack on 64-bit Linux */
    public static final long DEFAULT_STACK_BYTES = 1L << 20;

    public static final ExecutionLimits DEFAULT = new ExecutionLimits(10_000, depthFor(DEFAULT_STACK_BYTES),
            depthFor(DEFAULT_STACK_BYTES), 1_000, 0L, true);

    /**
     * A call depth bound safe on a thread stack of this many bytes: 2 KiB per level after a 64 KiB reserve for
     * the caller's own frames, at most 16000 (Lua 5.1 stops at about 16000 Lua levels too). Measured on a
     * 1 MiB stack (cold JVM, the largest frames): the interpreter's worst case, a recursive {@code string.gsub}
     * callback, overflows the Java stack after 669 levels (1.5 KiB per level); plain Lua recursion after 2453
     * interpreted or 9059 compiled levels; so 1 MiB gives 480.
     */
    public static int depthFor(long stackBytes) {
        long d = (stackBytes - (64L << 10)) / 2048;
        return (int) Math.max(50, Math.min(16_000, d));
    }

    private final int pollInterval;
    private final int maxCallDepth;
    private final int maxCoroutineCallDepth;
    private final int maxCoroutines;
    private final long heapLimitBytes;
    private final boolean compile;

    private ExecutionLimits(int pollInterval, int maxCallDepth, int maxCoroutineCallDepth, int maxCoroutines,
                            long heapLimitBytes, boolean compile) {
        if (pollInterval < 1 || maxCallDepth < 1 || maxCoroutineCallDepth < 1 || maxCoroutines < 0 || heapLimitBytes < 0) {
            throw new IllegalArgumentException("bad execution limits");
        }
        this.pollInterval = pollInterval;
        this.maxCallDepth = maxCallDepth;
        this.maxCoroutineCallDepth = maxCoroutineCallDepth;
        this.maxCoroutines = maxCoroutines;
        this.heapLimitBytes = heapLimitBytes;
        this.compile = compile;
    }

    public int pollInterval() { return pollInterval; }
    public int maxCallDepth() { return maxCallDepth; }
    public int maxCoroutineCallDepth() { return maxCoroutineCallDepth; }
    public int maxCoroutines() { return maxCoroutines; }
    public long heapLimitBytes() { return heapLimitBytes; }
    public boolean compile() { return compile; }

    public ExecutionLimits withPollInterval(int v) {
        return new ExecutionLimits(v, maxCallDepth, maxCoroutineCallDepth, maxCoroutines, heapLimitBytes, compile);
    }

    public ExecutionLimits withMaxCallDepth(int v) {
        return new ExecutionLimits(pollInterval, v, maxCoroutineCallDepth, maxCoroutines, heapLimitBytes, compile);
    }

    public ExecutionLimits withMaxCoroutineCallDepth(int v) {
        return new ExecutionLimits(pollInterval, maxCallDepth, v, maxCoroutines, heapLimitBytes, compile);
    }

    public ExecutionLimits withMaxCoroutines(int v) {
        return new ExecutionLimits(pollInterval, maxCallDepth, maxCoroutineCallDepth, v, heapLimitBytes, compile);
    }

    public ExecutionLimits withHeapLimitBytes(long v) {
        return new ExecutionLimits(pollInterval, maxCallDepth, maxCoroutineCallDepth, maxCoroutines, v, compile);
    }

    public ExecutionLimits withCompile(boolean v) {
        return new ExecutionLimits(pollInterval, maxCallDepth, maxCoroutineCallDepth, maxCoroutines, heapLimitBytes, v);
    }

    @Override
    public String toString() {
        return "ExecutionLimits[poll=" + pollInterval + ", depth=" + maxCallDepth + ", coroutineDepth="
                + maxCoroutineCallDepth + ", coroutines=" + maxCoroutines + ", heap=" + heapLimitBytes
                + ", compile=" + compile + "]";
    }
}
