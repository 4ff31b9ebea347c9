package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.builtins.support.GlobIntersection;
import org.mtabaseline.rego.builtins.support.GoRegex;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** {@code regex.*} with Go RE2 semantics (see {@link GoRegex}), plus {@code regex.template_match} and {@code regex.globs_match}. */
public final class RegexBuiltins {
    private RegexBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("regex.match", 2, (ctx, a) -> BooleanValue.of(compile(Args.string(a, 0)).matches(Args.string(a, 1))));
        r.register("re_match", 2, (ctx, a) -> BooleanValue.of(compile(Args.string(a, 0)).matches(Args.string(a, 1))));
        r.register("regex.is_valid", 1, (ctx, a) ->
                BooleanValue.of(a.get(0) instanceof StringValue s && GoRegex.isValid(s.value())));
        r.register("regex.find_n", 3, (ctx, a) -> {
            GoRegex re = compile(Args.string(a, 0));
            return strings(re.findAllStrings(Args.string(a, 1), (int) Args.integer(a, 2)));
        });
        r.register("regex.find_all_string_submatch_n", 3, (ctx, a) -> {
            GoRegex re = compile(Args.string(a, 0));
            List<Value> out = new ArrayList<>();
            for (List<String> m : re.findAllSubmatches(Args.string(a, 1), (int) Args.integer(a, 2))) {
                out.add(strings(m));
            }
            return ArrayValue.of(out);
        });
        r.register("regex.split", 2, (ctx, a) -> strings(compile(Args.string(a, 0)).split(Args.string(a, 1))));
        r.register("regex.replace", 3, (ctx, a) -> {
            String s = Args.string(a, 0);
            GoRegex re = compile(Args.string(a, 1));
            return StringValue.of(re.replaceAll(s, Args.string(a, 2)));
        });
        r.register("regex.template_match", 4, (ctx, a) -> {
            String template = Args.string(a, 0);
            String value = Args.string(a, 1);
            String start = Args.string(a, 2);
            String end = Args.string(a, 3);
            if (start.isEmpty() || end.isEmpty()) {
                throw BuiltinException.error("delimiters must be non-empty");
            }
            return BooleanValue.of(compile(templateRegex(template, start.charAt(0), end.charAt(0))).matches(value));
        });
        r.register("regex.globs_match", 2, (ctx, a) -> {
            try {
                return BooleanValue.of(GlobIntersection.nonEmpty(Args.string(a, 0), Args.string(a, 1)));
            } catch (GlobIntersection.GlobIntersectionException e) {
                throw BuiltinException.error(e.getMessage());
            }
        });
    }

    static GoRegex compile(String pattern) {
        try {
            return GoRegex.compile(pattern);
        } catch (GoRegex.GoRegexException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    private static ArrayValue strings(List<String> parts) {
        List<Value> out = new ArrayList<>(parts.size());
        for (String p : parts) {
            out.add(StringValue.of(p));
        }
        return ArrayValue.of(out);
    }

    /**
     * The anchored RE2 pattern of a template: text between delimiters is a regular expression,
     * text outside is literal (as gorilla/mux route templates, which OPA's implementation follows).
     */
    static String templateRegex(String template, char start, char end) {
        List<int[]> spans = new ArrayList<>();
        int level = 0;
        int idx = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == start) {
                if (level++ == 0) {
                    idx = i;
                }
            } else if (c == end) {
                if (--level == 0) {
                    spans.add(new int[]{idx, i + 1});
                } else if (level < 0) {
                    throw BuiltinException.error("unbalanced braces in template: " + template);
                }
            }
        }
        if (level != 0) {
            throw BuiltinException.error("unbalanced braces in template: " + template);
        }
        StringBuilder pattern = new StringBuilder("^");
        int last = 0;
        for (int[] span : spans) {
            pattern.append(quoteMeta(template.substring(last, span[0])));
            String inner = template.substring(span[0] + 1, span[1] - 1);
            pattern.append('(').append(inner).append(')');
            last = span[1];
        }
        pattern.append(quoteMeta(template.substring(last))).append('$');
        return pattern.toString();
    }

    /** Go's regexp.QuoteMeta. */
    static String quoteMeta(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
