package org.mtabaseline.rego.value;

/**
 * An immutable Rego value. Values are totally ordered as OPA orders them:
 * null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set.
 * Equality is Rego equality (so the numbers 1 and 1.0 are equal and hash alike).
 */
public sealed interface Value extends Comparable<Value>
        permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

    /** Rank of the value's type in OPA's total order. */
    int typeRank();

    /** OPA's type name as {@code type_name} returns it: null, boolean, number, string, array, object, set. */
    String typeName();

    @Override
    default int compareTo(Value other) {
        int a = typeRank();
        int b = other.typeRank();
        if (a != b) {
            return Integer.compare(a, b);
        }
        return compareSameType(other);
    }

    /** Compares with a value of the same type rank. */
    int compareSameType(Value other);

    /** True for composite values (array, object, set). */
    default boolean isComposite() {
        return false;
    }
}
