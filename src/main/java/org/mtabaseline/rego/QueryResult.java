package org.mtabaseline.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.value.Json;
import org.mtabaseline.rego.value.Value;

/** The answer to a query: one row of variable bindings per solution (none = undefined). */
public final class QueryResult {
    private final List<Map<String, Value>> rows;
    private final Value value;

    QueryResult(List<Map<String, Value>> rows, Value value) {
        this.rows = rows;
        this.value = value;
    }

    /** Bindings of the query's variables, one map per solution; empty means undefined. */
    public List<Map<String, JsonNode>> rows() {
        List<Map<String, JsonNode>> out = new ArrayList<>(rows.size());
        for (Map<String, Value> r : rows) {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            r.forEach((k, v) -> m.put(k, Json.toJson(v)));
            out.add(Collections.unmodifiableMap(m));
        }
        return Collections.unmodifiableList(out);
    }

    /** The rows as Rego values (sets stay sets). */
    public List<Map<String, Value>> valueRows() {
        return rows;
    }

    /** For a bare reference query ({@code data.x.y}): its value, or null if undefined. */
    public JsonNode value() {
        return value == null ? null : Json.toJson(value);
    }

    /** Like {@link #value()} as a Rego value. */
    public Value regoValue() {
        return value;
    }

    public boolean isUndefined() {
        return rows.isEmpty();
    }
}
