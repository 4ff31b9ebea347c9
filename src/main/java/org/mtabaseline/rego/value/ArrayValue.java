package org.mtabaseline.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/** An immutable Rego array. */
public final class ArrayValue implements Value {
    public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

    private final Value[] elems;
    private int hash;

    private ArrayValue(Value[] elems) {
        this.elems = elems;
    }

    /** Wraps the array without copying; the caller must not modify it afterwards. */
    public static ArrayValue wrap(Value[] elems) {
        return elems.length == 0 ? EMPTY : new ArrayValue(elems);
    }

    public static ArrayValue of(Value... elems) {
        return wrap(elems.clone());
    }

    public static ArrayValue of(List<? extends Value> elems) {
        return wrap(elems.toArray(new Value[0]));
    }

    public int size() {
        return elems.length;
    }

    public Value get(int i) {
        return elems[i];
    }

    /** An unmodifiable list view. */
    public List<Value> list() {
        return new View();
    }

    /** A new array holding elements [from, to). */
    public ArrayValue slice(int from, int to) {
        return wrap(Arrays.copyOfRange(elems, from, to));
    }

    @Override
    public int typeRank() {
        return 6;
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public boolean isComposite() {
        return true;
    }

    @Override
    public int compareSameType(Value other) {
        return compareElementwise(elems, ((ArrayValue) other).elems);
    }

    /** OPA's order for arrays and (sorted) sets alike: element by element, then the shorter first. */
    static int compareElementwise(Value[] a, Value[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ArrayValue a) || a.elems.length != elems.length || a.hashCode() != hashCode()) {
            return false;
        }
        return Arrays.equals(elems, a.elems);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elems) * 31 + 6;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < elems.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(elems[i]);
        }
        return sb.append(']').toString();
    }

    private final class View extends AbstractList<Value> implements RandomAccess {
        @Override
        public Value get(int index) {
            return elems[index];
        }

        @Override
        public int size() {
            return elems.length;
        }
    }
}
