package org.mtabaseline.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * An immutable Rego object. Keys may be any value; entries are kept sorted by key in OPA's value
 * order (its iteration order), and looked up by binary search.
 */
public final class ObjectValue implements Value {
    public static final ObjectValue EMPTY = new ObjectValue(new Value[0], new Value[0]);

    private final Value[] keys; // sorted, distinct
    private final Value[] values;
    private int hash;

    private ObjectValue(Value[] keys, Value[] values) {
        this.keys = keys;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * An object over keys already sorted in value order and distinct; the keys array may be shared
     * between objects (it is never written), values must not be written after the call.
     */
    public static ObjectValue ofSortedKeys(Value[] sortedDistinctKeys, Value[] values) {
        return sortedDistinctKeys.length == 0 ? EMPTY : new ObjectValue(sortedDistinctKeys, values);
    }

    /** A builder starting with the entries of o. */
    public static Builder builder(ObjectValue o) {
        Builder b = new Builder();
        for (int i = 0; i < o.keys.length; i++) {
            b.put(o.keys[i], o.values[i]);
        }
        return b;
    }

    /** An object with string keys. */
    public static ObjectValue of(Map<String, ? extends Value> map) {
        Builder b = builder();
        map.forEach((k, v) -> b.put(StringValue.of(k), v));
        return b.build();
    }

    public static ObjectValue of(Value k, Value v) {
        return new ObjectValue(new Value[] {k}, new Value[] {v});
    }

    public int size() {
        return keys.length;
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** The value under key, or null if absent. */
    public Value get(Value key) {
        int i = search(keys, keys.length, key);
        return i >= 0 ? values[i] : null;
    }

    /**
     * Arrays.binarySearch over the first n keys, with string keys (nearly all of them) compared
     * directly rather than through Value.compareTo.
     */
    static int search(Value[] keys, int n, Value key) {
        int lo = 0;
        int hi = n - 1;
        if (key instanceof StringValue sk) {
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                Value k = keys[mid];
                int c = k instanceof StringValue ks ? ks.compareSameType(sk) : Integer.compare(k.typeRank(), 3);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = keys[mid].compareTo(key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    public Value get(String key) {
        return get(StringValue.of(key));
    }

    public boolean containsKey(Value key) {
        return search(keys, keys.length, key) >= 0;
    }

    public Value keyAt(int i) {
        return keys[i];
    }

    public Value valueAt(int i) {
        return values[i];
    }

    /** Sorted key list (unmodifiable view). */
    public List<Value> keys() {
        return new View(keys);
    }

    /** Values in key order (unmodifiable view). */
    public List<Value> values() {
        return new View(values);
    }

    /** A copy with key set to value. */
    public ObjectValue with(Value key, Value value) {
        int i = search(keys, keys.length, key);
        if (i >= 0) {
            Value[] v = values.clone();
            v[i] = value;
            return new ObjectValue(keys, v);
        }
        int at = -i - 1;
        Value[] k = new Value[keys.length + 1];
        Value[] v = new Value[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        k[at] = key;
        v[at] = value;
        System.arraycopy(keys, at, k, at + 1, keys.length - at);
        System.arraycopy(values, at, v, at + 1, keys.length - at);
        return new ObjectValue(k, v);
    }

    /** A copy without key. */
    public ObjectValue without(Value key) {
        int i = search(keys, keys.length, key);
        if (i < 0) {
            return this;
        }
        Value[] k = new Value[keys.length - 1];
        Value[] v = new Value[keys.length - 1];
        System.arraycopy(keys, 0, k, 0, i);
        System.arraycopy(values, 0, v, 0, i);
        System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
        System.arraycopy(values, i + 1, v, i, keys.length - i - 1);
        return new ObjectValue(k, v);
    }

    @Override
    public int typeRank() {
        return 7;
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public boolean isComposite() {
        return true;
    }

    @Override
    public int compareSameType(Value other) {
        ObjectValue o = (ObjectValue) other;
        int n = Math.min(keys.length, o.keys.length);
        for (int i = 0; i < n; i++) {
            int c = keys[i].compareTo(o.keys[i]);
            if (c != 0) {
                return c;
            }
            c = values[i].compareTo(o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(keys.length, o.keys.length);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ObjectValue ov) || ov.keys.length != keys.length || ov.hashCode() != hashCode()) {
            return false;
        }
        return Arrays.equals(keys, ov.keys) && Arrays.equals(values, ov.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = (Arrays.hashCode(keys) * 31 + Arrays.hashCode(values)) * 31 + 7;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(keys[i]).append(": ").append(values[i]);
        }
        return sb.append('}').toString();
    }

    /**
     * Collects entries (a later put of the same key replaces the earlier one). Small objects, the
     * usual case, are kept sorted as they grow (no sort and no hashing at build); past
     * {@value #SORTED_MAX} entries a hash map takes over.
     */
    public static final class Builder {
        private static final int SORTED_MAX = 32;

        private Value[] keys = new Value[8];
        private Value[] values = new Value[8];
        private int size;
        private HashMap<Value, Value> map;

        public Builder put(Value k, Value v) {
            if (map != null) {
                map.put(k, v);
                return this;
            }
            int i = search(keys, size, k);
            if (i >= 0) {
                values[i] = v;
                return this;
            }
            if (size == SORTED_MAX) {
                map = new HashMap<>();
                for (int j = 0; j < size; j++) {
                    map.put(keys[j], values[j]);
                }
                map.put(k, v);
                return this;
            }
            int at = -i - 1;
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            System.arraycopy(keys, at, keys, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
            keys[at] = k;
            values[at] = v;
            size++;
            return this;
        }

        public Builder put(String k, Value v) {
            return put(StringValue.of(k), v);
        }

        public Value get(Value k) {
            if (map != null) {
                return map.get(k);
            }
            int i = search(keys, size, k);
            return i >= 0 ? values[i] : null;
        }

        public int size() {
            return map != null ? map.size() : size;
        }

        public ObjectValue build() {
            if (map == null) {
                return size == 0 ? EMPTY : new ObjectValue(Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
            }
            Value[] k = map.keySet().toArray(new Value[0]);
            Arrays.sort(k);
            Value[] v = new Value[k.length];
            for (int i = 0; i < k.length; i++) {
                v[i] = map.get(k[i]);
            }
            return new ObjectValue(k, v);
        }
    }

    private static final class View extends AbstractList<Value> implements RandomAccess {
        private final Value[] a;

        View(Value[] a) {
            this.a = a;
        }

        @Override
        public Value get(int index) {
            return a[index];
        }

        @Override
        public int size() {
            return a.length;
        }
    }
}
