package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.builtins.support.JsonSchema;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** {@code json.verify_schema} and {@code json.match_schema}: JSON Schema with gojsonschema's results. */
public final class JsonSchemaBuiltins {
    private JsonSchemaBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("json.verify_schema", 1, (ctx, a) -> {
            Value schema = document(a, 0);
            try {
                JsonSchema.load(schema);
                return ArrayValue.of(BooleanValue.TRUE, NullValue.NULL);
            } catch (JsonSchema.SchemaException e) {
                return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: " + e.getMessage()));
            }
        });
        r.register("json.match_schema", 2, (ctx, a) -> {
            Value doc = document(a, 0);
            Value schemaValue = document(a, 1);
            JsonSchema schema;
            try {
                schema = JsonSchema.load(schemaValue);
            } catch (JsonSchema.SchemaException e) {
                throw BuiltinException.error(e.getMessage());
            }
            List<Value> errors = new ArrayList<>();
            for (JsonSchema.Failure f : schema.validate(doc)) {
                ObjectValue.Builder o = ObjectValue.builder();
                o.put("error", StringValue.of(f.error()));
                o.put("type", StringValue.of(f.type()));
                o.put("field", StringValue.of(f.field()));
                o.put("desc", StringValue.of(f.description()));
                errors.add(o.build());
            }
            return ArrayValue.of(BooleanValue.of(errors.isEmpty()), ArrayValue.of(errors));
        });
    }

    /** A document given as a value or as JSON text. */
    private static Value document(List<Value> a, int i) {
        Value v = a.get(i);
        if (v instanceof StringValue s) {
            return BuiltinRegistry.standard().get("json.unmarshal").impl().call(null, List.of(s));
        }
        if (v instanceof ObjectValue || v instanceof BooleanValue) {
            return v;
        }
        throw Args.mustBeOneOf(i, v, "string", "object", "boolean");
    }
}
