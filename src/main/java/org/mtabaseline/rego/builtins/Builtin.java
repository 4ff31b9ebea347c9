package org.mtabaseline.rego.builtins;

import java.util.List;
import org.mtabaseline.rego.value.Value;

/**
 * One builtin function: takes its (already evaluated) operands and returns the result, or
 * {@code null} for "undefined". Throw {@link BuiltinException#typeError} (eval_type_error) for an
 * operand of the wrong type and {@link BuiltinException#error} (eval_builtin_error) for any other
 * failure; the evaluator adds the builtin's name and the source location, and applies OPA's strict /
 * non-strict rule (non-strict: the expression is just undefined).
 *
 * <p>A builtin used as a statement ({@code startswith(x, "a")}) fails when it returns {@code false}.
 * Implementations must be thread-safe and side-effect free (use {@link BuiltinContext} for the clock,
 * print output and per-query caches).
 */
@FunctionalInterface
public interface Builtin {
    Value call(BuiltinContext ctx, List<Value> args);
}
