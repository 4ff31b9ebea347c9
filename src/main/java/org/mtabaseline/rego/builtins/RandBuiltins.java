package org.mtabaseline.rego.builtins;

import java.security.SecureRandom;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.Value;

/** {@code rand.intn(key, n)}: a random integer in [0, |n|), the same for the same arguments within one query. */
public final class RandBuiltins {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandBuiltins() {
    }

    private record CacheKey(String key, long n) {
    }

    public static void register(BuiltinRegistry r) {
        r.register("rand.intn", 2, (ctx, a) -> {
            String key = Args.string(a, 0);
            long n = Math.abs(Args.integer(a, 1));
            if (n == 0) {
                return NumberValue.ZERO;
            }
            return (Value) ctx.cache().computeIfAbsent(new CacheKey(key, n),
                    k -> NumberValue.of(RANDOM.nextLong(n)));
        });
    }
}
