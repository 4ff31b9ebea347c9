package org.mtabaseline.rego.builtins;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.StringValue;

/** {@code semver.compare} and {@code semver.is_valid} per Semantic Versioning 2.0.0. */
public final class SemverBuiltins {
    private static final String ID = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-(" + ID + "(?:\\." + ID + ")*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private SemverBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("semver.is_valid", 1, (ctx, a) ->
                BooleanValue.of(a.get(0) instanceof StringValue s && SEMVER.matcher(s.value()).matches()));
        r.register("semver.compare", 2, (ctx, a) -> {
            Matcher x = parse(Args.string(a, 0), 1);
            Matcher y = parse(Args.string(a, 1), 2);
            return NumberValue.of(compare(x, y));
        });
    }

    private static Matcher parse(String s, int operand) {
        Matcher m = SEMVER.matcher(s);
        if (!m.matches()) {
            throw BuiltinException.error("operand " + operand + ": string \"" + s + "\" is not a valid SemVer");
        }
        return m;
    }

    /** Precedence: numeric core, then a release above its pre-releases, then pre-release identifiers. */
    static int compare(Matcher x, Matcher y) {
        for (int g = 1; g <= 3; g++) {
            int c = new BigInteger(x.group(g)).compareTo(new BigInteger(y.group(g)));
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        String px = x.group(4);
        String py = y.group(4);
        if (px == null || py == null) {
            return px == null ? (py == null ? 0 : 1) : -1;
        }
        String[] ix = px.split("\\.");
        String[] iy = py.split("\\.");
        for (int i = 0; i < Math.min(ix.length, iy.length); i++) {
            boolean nx = ix[i].chars().allMatch(Character::isDigit);
            boolean ny = iy[i].chars().allMatch(Character::isDigit);
            int c;
            if (nx && ny) {
                c = new BigInteger(ix[i]).compareTo(new BigInteger(iy[i]));
            } else if (nx || ny) {
                c = nx ? -1 : 1;
            } else {
                c = ix[i].compareTo(iy[i]);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(ix.length, iy.length);
    }
}
