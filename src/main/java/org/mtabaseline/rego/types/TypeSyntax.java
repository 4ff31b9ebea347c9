package org.mtabaseline.rego.types;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.types.Type.FunctionType;
import org.mtabaseline.rego.value.StringValue;

/**
 * Reads types and function signatures written as OPA prints them: {@code number},
 * {@code any<string, array[any]>}, {@code array<number, string>}, {@code object<op: string>[any: any]},
 * {@code set[string]}, and {@code name(x: number, y: number) => z: number} (argument names optional,
 * {@code ...T} for a variadic tail, no {@code =>} for a function without result).
 */
public final class TypeSyntax {
    private final String s;
    private int p;

    private TypeSyntax(String s) {
        this.s = s;
    }

    /** A named signature: the function's name and its type. */
    public record Signature(String name, FunctionType type) {
    }

    public static Type type(String text) {
        TypeSyntax r = new TypeSyntax(text);
        Type t = r.type();
        r.end();
        return t;
    }

    public static Signature signature(String text) {
        TypeSyntax r = new TypeSyntax(text.trim());
        int open = r.s.indexOf('(');
        String name = r.s.substring(0, open).trim();
        r.p = open + 1;
        List<Type> args = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Type variadic = null;
        r.ws();
        while (!r.at(')')) {
            if (r.s.startsWith("...", r.p)) {
                r.p += 3;
                variadic = r.type();
            } else {
                names.add(r.label());
                args.add(r.type());
            }
            r.ws();
            if (!r.accept(',')) {
                break;
            }
            r.ws();
        }
        r.expect(')');
        r.ws();
        Type result = null;
        String resultName = null;
        if (r.s.startsWith("=>", r.p)) {
            r.p += 2;
            r.ws();
            resultName = r.label();
            result = r.type();
        }
        r.end();
        boolean named = names.stream().anyMatch(n -> n != null) || resultName != null;
        return new Signature(name, new FunctionType(args, result, variadic, named ? names : null, resultName));
    }

    /** An optional {@code name:} before a top-level type (names may contain spaces). */
    private String label() {
        int q = p;
        while (q < s.length() && (Character.isLetterOrDigit(s.charAt(q)) || s.charAt(q) == '_' || s.charAt(q) == ' ')) {
            q++;
        }
        if (q < s.length() && s.charAt(q) == ':' && q > p) {
            String name = s.substring(p, q).trim();
            p = q + 1;
            ws();
            return name;
        }
        return null;
    }

    private Type type() {
        ws();
        String word = word();
        switch (word) {
            case "null":
                return Type.NULL;
            case "boolean":
                return Type.BOOLEAN;
            case "number":
                return Type.NUMBER;
            case "string":
                return Type.STRING;
            case "any": {
                if (!accept('<')) {
                    return Type.ANY;
                }
                List<Type> of = list('>');
                return Types.any(of.toArray(new Type[0]));
            }
            case "set": {
                expect('[');
                Type of = type();
                ws();
                expect(']');
                return new Type.SetType(of);
            }
            case "array": {
                List<Type> statics = accept('<') ? list('>') : List.of();
                Type dynamic = null;
                if (accept('[')) {
                    dynamic = type();
                    ws();
                    expect(']');
                }
                return new Type.ArrayType(statics, dynamic);
            }
            case "object": {
                List<Type.Property> props = new ArrayList<>();
                if (accept('<')) {
                    while (true) {
                        ws();
                        String key = word();
                        ws();
                        expect(':');
                        props.add(new Type.Property(StringValue.of(key), type()));
                        ws();
                        if (accept('>')) {
                            break;
                        }
                        expect(',');
                    }
                }
                Type key = null;
                Type value = null;
                if (accept('[')) {
                    key = type();
                    ws();
                    expect(':');
                    value = type();
                    ws();
                    expect(']');
                }
                return new Type.ObjectType(props, key, value);
            }
            default:
                throw new IllegalArgumentException("unknown type '" + word + "' at " + p + " in: " + s);
        }
    }

    private List<Type> list(char close) {
        List<Type> out = new ArrayList<>();
        while (true) {
            out.add(type());
            ws();
            if (accept(close)) {
                return out;
            }
            expect(',');
        }
    }

    private String word() {
        int q = p;
        while (q < s.length() && (Character.isLetterOrDigit(s.charAt(q)) || s.charAt(q) == '_')) {
            q++;
        }
        String w = s.substring(p, q);
        p = q;
        return w;
    }

    private void ws() {
        while (p < s.length() && s.charAt(p) == ' ') {
            p++;
        }
    }

    private boolean at(char c) {
        return p < s.length() && s.charAt(p) == c;
    }

    private boolean accept(char c) {
        if (at(c)) {
            p++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + p + " in: " + s);
        }
    }

    private void end() {
        ws();
        if (p != s.length()) {
            throw new IllegalArgumentException("unexpected text at " + p + " in: " + s);
        }
    }
}
