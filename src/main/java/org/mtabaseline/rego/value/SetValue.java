package org.mtabaseline.rego.value;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/** An immutable Rego set; elements are kept sorted in OPA's value order (its iteration order). */
public final class SetValue implements Value {
    public static final SetValue EMPTY = new SetValue(new Value[0]);

    private final Value[] elems; // sorted, distinct
    private int hash;

    private SetValue(Value[] sortedDistinct) {
        this.elems = sortedDistinct;
    }

    /** A set of the given elements (duplicates collapse). */
    public static SetValue of(Collection<? extends Value> elems) {
        return fromArray(elems.toArray(new Value[0]));
    }

    public static SetValue of(Value... elems) {
        return fromArray(elems.clone());
    }

    private static SetValue fromArray(Value[] a) {
        if (a.length == 0) {
            return EMPTY;
        }
        Arrays.sort(a);
        int n = 1;
        for (int i = 1; i < a.length; i++) {
            if (a[i].compareTo(a[n - 1]) != 0) {
                a[n++] = a[i];
            }
        }
        return new SetValue(n == a.length ? a : Arrays.copyOf(a, n));
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return elems.length;
    }

    public boolean isEmpty() {
        return elems.length == 0;
    }

    public boolean contains(Value v) {
        return ObjectValue.search(elems, elems.length, v) >= 0;
    }

    /** Element i in sorted order. */
    public Value get(int i) {
        return elems[i];
    }

    /** Sorted, unmodifiable list view of the elements. */
    public List<Value> list() {
        return new View();
    }

    public SetValue union(SetValue o) {
        if (o.elems.length == 0) {
            return this;
        }
        if (elems.length == 0) {
            return o;
        }
        Value[] all = Arrays.copyOf(elems, elems.length + o.elems.length);
        System.arraycopy(o.elems, 0, all, elems.length, o.elems.length);
        return fromArray(all);
    }

    public SetValue intersection(SetValue o) {
        List<Value> out = new ArrayList<>();
        for (Value v : elems) {
            if (o.contains(v)) {
                out.add(v);
            }
        }
        return out.size() == elems.length ? this : new SetValue(out.toArray(new Value[0]));
    }

    public SetValue difference(SetValue o) {
        List<Value> out = new ArrayList<>();
        for (Value v : elems) {
            if (!o.contains(v)) {
                out.add(v);
            }
        }
        return out.size() == elems.length ? this : new SetValue(out.toArray(new Value[0]));
    }

    @Override
    public int typeRank() {
        return 8;
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public boolean isComposite() {
        return true;
    }

    @Override
    public int compareSameType(Value other) {
        return ArrayValue.compareElementwise(elems, ((SetValue) other).elems);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof SetValue s) || s.elems.length != elems.length || s.hashCode() != hashCode()) {
            return false;
        }
        return Arrays.equals(elems, s.elems);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elems) * 31 + 8;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        if (elems.length == 0) {
            return "set()";
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elems.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(elems[i]);
        }
        return sb.append('}').toString();
    }

    /** Collects elements; {@link #build()} sorts and removes duplicates. */
    public static final class Builder {
        private final List<Value> elems = new ArrayList<>();

        public Builder add(Value v) {
            elems.add(v);
            return this;
        }

        public int size() {
            return elems.size();
        }

        public SetValue build() {
            return of(elems);
        }
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
