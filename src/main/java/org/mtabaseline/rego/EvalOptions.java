package org.mtabaseline.rego;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Per-evaluation options.
 *
 * @param strictBuiltinErrors a failing builtin aborts the query (else the expression is undefined)
 * @param deadline            maximum evaluation time, or null for none
 * @param maxResultSize       maximum number of result rows (0 = unlimited)
 * @param print               sink for {@code print} output (null: discarded)
 */
public record EvalOptions(boolean strictBuiltinErrors, Duration deadline, int maxResultSize, Consumer<String> print) {

    public static EvalOptions defaults() {
        return new EvalOptions(false, null, 0, null);
    }

    public EvalOptions withStrictBuiltinErrors(boolean strict) {
        return new EvalOptions(strict, deadline, maxResultSize, print);
    }

    public EvalOptions withDeadline(Duration d) {
        return new EvalOptions(strictBuiltinErrors, d, maxResultSize, print);
    }

    public EvalOptions withMaxResultSize(int max) {
        return new EvalOptions(strictBuiltinErrors, deadline, max, print);
    }

    public EvalOptions withPrint(Consumer<String> sink) {
        return new EvalOptions(strictBuiltinErrors, deadline, maxResultSize, sink);
    }
}
