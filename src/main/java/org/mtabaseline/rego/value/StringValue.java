package org.mtabaseline.rego.value;

/** A Rego string. */
public final class StringValue implements Value {
    public static final StringValue EMPTY = new StringValue("");

    private final String value;

    /** 0: not yet known, 1: none, 2: the string holds a surrogate (a code point beyond U+FFFF). */
    private byte surrogates;

    private StringValue(String value) {
        this.value = value;
    }

    public static StringValue of(String s) {
        return s.isEmpty() ? EMPTY : new StringValue(s);
    }

    public String value() {
        return value;
    }

    @Override
    public int typeRank() {
        return 3;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public int compareSameType(Value other) {
        StringValue o = (StringValue) other;
        if (!hasSurrogates() && !o.hasSurrogates()) {
            // without surrogate pairs UTF-16 order is code point order, and String.compareTo is fast
            return value.compareTo(o.value);
        }
        return compareUtf8(value, o.value);
    }

    private boolean hasSurrogates() {
        byte s = surrogates;
        if (s == 0) {
            s = 1;
            for (int i = 0, n = value.length(); i < n; i++) {
                if (Character.isSurrogate(value.charAt(i))) {
                    s = 2;
                    break;
                }
            }
            surrogates = s;
        }
        return s == 2;
    }

    /** Compares as Go compares strings: by UTF-8 bytes, which is code point order. */
    static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StringValue s && (s == this || s.value.equals(value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return Json.quote(value);
    }
}
