package org.mtabaseline.rego.value;

/** The Rego {@code null}. */
public final class NullValue implements Value {
    public static final NullValue NULL = new NullValue();

    private NullValue() {
    }

    @Override
    public int typeRank() {
        return 0;
    }

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public int compareSameType(Value other) {
        return 0;
    }

    @Override
    public String toString() {
        return "null";
    }
}
