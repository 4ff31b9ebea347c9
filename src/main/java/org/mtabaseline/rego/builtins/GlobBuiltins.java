package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mtabaseline.rego.builtins.support.GlobPattern;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** {@code glob.match} (gobwas/glob semantics; {@code []} delimiters mean ".", null means none) and {@code glob.quote_meta}. */
public final class GlobBuiltins {
    private static final int MAX_CACHE = 256;
    private static final Map<String, GlobPattern> CACHE = new ConcurrentHashMap<>();

    private GlobBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("glob.match", 3, (ctx, a) -> {
            String pattern = Args.string(a, 0);
            List<Integer> delimiters = new ArrayList<>();
            Value d = a.get(1);
            if (d instanceof ArrayValue arr) {
                for (Value v : arr.list()) {
                    if (!(v instanceof StringValue s)) {
                        throw Operands.elementError(1, d, v, "string");
                    }
                    if (!s.value().isEmpty()) {
                        delimiters.add(s.value().codePointAt(0));
                    }
                }
                if (delimiters.isEmpty()) {
                    delimiters.add((int) '.');
                }
            } else if (!(d instanceof NullValue)) {
                throw Args.mustBeOneOf(1, d, "array", "null");
            }
            String text = Args.string(a, 2);
            String key = pattern + "-" + delimiters;
            GlobPattern glob = CACHE.get(key);
            if (glob == null) {
                try {
                    glob = GlobPattern.compile(pattern, delimiters);
                } catch (GlobPattern.GlobSyntaxException e) {
                    throw BuiltinException.error(e.getMessage());
                }
                if (CACHE.size() >= MAX_CACHE) {
                    CACHE.clear();
                }
                CACHE.put(key, glob);
            }
            return BooleanValue.of(glob.matches(text));
        });
        r.register("glob.quote_meta", 1, (ctx, a) -> StringValue.of(GlobPattern.quoteMeta(Args.string(a, 0))));
    }
}
