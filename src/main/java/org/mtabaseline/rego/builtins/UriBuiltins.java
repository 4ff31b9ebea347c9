package org.mtabaseline.rego.builtins;

import org.mtabaseline.rego.builtins.support.GoUrl;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.StringValue;

/** {@code uri.parse} and {@code uri.is_valid}, following Go's net/url parser; empty parts are omitted. */
public final class UriBuiltins {
    private UriBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("uri.parse", 1, (ctx, a) -> {
            GoUrl u;
            try {
                u = GoUrl.parse(Args.string(a, 0));
            } catch (GoUrl.GoUrlException e) {
                throw BuiltinException.error(e.getMessage());
            }
            ObjectValue.Builder out = ObjectValue.builder();
            put(out, "scheme", u.scheme());
            put(out, "hostname", u.hostname());
            put(out, "port", u.port());
            put(out, "path", u.path());
            put(out, "raw_path", u.rawPath());
            put(out, "raw_query", u.rawQuery());
            put(out, "fragment", u.fragment());
            return out.build();
        });
        r.register("uri.is_valid", 1, (ctx, a) -> {
            String s = Args.string(a, 0);
            if (s.isEmpty()) {
                return BooleanValue.FALSE;
            }
            try {
                GoUrl.parse(s);
                return BooleanValue.TRUE;
            } catch (GoUrl.GoUrlException e) {
                return BooleanValue.FALSE;
            }
        });
    }

    private static void put(ObjectValue.Builder out, String key, String value) {
        if (!value.isEmpty()) {
            out.put(key, StringValue.of(value));
        }
    }
}
