package org.mtabaseline.rego.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtabaseline.rego.value.Value;

/**
 * Variable bindings of one rule body (or query) evaluation. Bindings are made and undone in stack
 * order (a binding lives while the rest of the body runs), so a small array searched from the top
 * serves better than a hash map: bodies bind a handful of variables.
 */
public final class Env {
    private String[] names = new String[4];
    private Value[] values = new Value[4];
    private int size;

    public Value get(String name) {
        int h = name.hashCode();
        for (int i = size - 1; i >= 0; i--) {
            String n = names[i];
            if (n == name || (n.hashCode() == h && n.equals(name))) {
                return values[i];
            }
        }
        return null;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    void bind(String name, Value v) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = v;
        size++;
    }

    /** Undoes the latest binding of name (normally the top one). */
    void unbind(String name) {
        for (int i = size - 1; i >= 0; i--) {
            if (names[i].equals(name)) {
                System.arraycopy(names, i + 1, names, i, size - i - 1);
                System.arraycopy(values, i + 1, values, i, size - i - 1);
                size--;
                names[size] = null;
                values[size] = null;
                return;
            }
        }
    }

    /** The current depth of the binding stack, for {@link #reset(int)}. */
    int mark() {
        return size;
    }

    /** Undoes every binding made since {@link #mark()} returned m. */
    void reset(int m) {
        for (int i = m; i < size; i++) {
            names[i] = null;
            values[i] = null;
        }
        size = m;
    }

    /** A snapshot of the bindings by name. */
    public Map<String, Value> all() {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            m.put(names[i], values[i]);
        }
        return m;
    }
}
