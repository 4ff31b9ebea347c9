package org.mtabaseline.rego.builtins;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.mtabaseline.rego.value.Value;

/**
 * What a builtin may see of the query evaluating it: one clock reading per query (so
 * {@code time.now_ns} is stable within a query), the print sink, a per-query cache and the runtime
 * document of {@code opa.runtime}.
 */
public final class BuiltinContext {
    private final Instant now;
    private final Consumer<String> printSink;
    private final Map<Object, Object> cache = new ConcurrentHashMap<>();
    private final Value runtime;
    private final boolean strict;

    public BuiltinContext(Instant now, Consumer<String> printSink, Value runtime, boolean strict) {
        this.now = now;
        this.printSink = printSink;
        this.runtime = runtime;
        this.strict = strict;
    }

    /** A context for tests and tools: current time, print to stderr, empty runtime. */
    public static BuiltinContext simple() {
        return new BuiltinContext(Instant.now(), System.err::println,
                org.mtabaseline.rego.value.ObjectValue.EMPTY, false);
    }

    /** The time the query started. */
    public Instant now() {
        return now;
    }

    /** The time the query started, in nanoseconds since the epoch. */
    public long nowNanos() {
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Writes one line of {@code print} output. */
    public void print(String line) {
        printSink.accept(line);
    }

    /** A cache that lives as long as the query (e.g. for compiled regular expressions). */
    public Map<Object, Object> cache() {
        return cache;
    }

    /** The {@code opa.runtime()} document. */
    public Value runtime() {
        return runtime;
    }

    /** True when builtin errors abort the query instead of making the expression undefined. */
    public boolean strict() {
        return strict;
    }
}
