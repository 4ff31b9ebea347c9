package org.mtabaseline.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.builtins.BuiltinContext;
import org.mtabaseline.rego.compile.CompiledQuery;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.eval.Evaluator;
import org.mtabaseline.rego.eval.SingleTerms;
import org.mtabaseline.rego.value.Json;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.Value;

/** A compiled query over a compiled policy: immutable, thread-safe, evaluated many times. */
public final class PreparedQuery {
    static final String RESULT_VAR = "$result";

    private final Program program;
    private final SingleTerms singleTerms;
    private final CompiledQuery query;
    private final boolean bareValue;

    PreparedQuery(Program program, SingleTerms singleTerms, CompiledQuery query, boolean bareValue) {
        this.program = program;
        this.singleTerms = singleTerms;
        this.query = query;
        this.bareValue = bareValue;
    }

    /** Evaluates with default options; input may be null (undefined input). */
    public QueryResult eval(JsonNode input) {
        return eval(input, EvalOptions.defaults());
    }

    public QueryResult eval(JsonNode input, EvalOptions options) {
        return evalValue(input == null ? null : Json.fromJson(input), options);
    }

    /** Evaluates with a Rego value as input (null: undefined input). */
    public QueryResult evalValue(Value input, EvalOptions options) {
        long deadline = options.deadline() == null ? 0 : System.nanoTime() + options.deadline().toNanos();
        BuiltinContext ctx = new BuiltinContext(Instant.now(), options.print() == null ? s -> { } : options.print(),
                runtime(), options.strictBuiltinErrors());
        Evaluator ev = new Evaluator(program, singleTerms, input, ctx, deadline);
        List<Map<String, Value>> rows = new ArrayList<>();
        Value[] value = new Value[1];
        int max = options.maxResultSize();
        try {
            ev.run(query.body(), env -> {
                Map<String, Value> row = new LinkedHashMap<>();
                for (String v : query.resultVars()) {
                    Value x = env.get(v);
                    if (x != null) {
                        row.put(v, x);
                    }
                }
                if (bareValue && value[0] == null) {
                    value[0] = env.get(RESULT_VAR);
                }
                rows.add(row);
                if (max > 0 && rows.size() > max) {
                    throw new RegoEvalException(new RegoError("eval_result_size_error", "", 0, 0,
                            "query result exceeds the maximum of " + max + " rows"));
                }
                return true;
            });
        } catch (StackOverflowError e) {
            throw new RegoEvalException(new RegoError("eval_internal_error", "", 0, 0,
                    "evaluation nested too deeply (stack exhausted)"));
        }
        return new QueryResult(rows, value[0]);
    }

    private static Value runtime() {
        return ObjectValue.EMPTY;
    }
}
