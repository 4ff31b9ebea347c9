package org.mtabaseline.rego.value;

/** A Rego string. */
public final class StringValue implements Value {
    public static final StringValue EMPTY = new StringValue("");

    private final String value;

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
        return compareUtf8(value, ((StringValue) other).value);
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
