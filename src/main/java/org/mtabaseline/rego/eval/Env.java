package org.mtabaseline.rego.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtabaseline.rego.value.Value;

/**
 * Variable bindings of one rule body (or query) evaluation. Bindings are made and undone in stack
 * order (a binding lives while the rest of the body runs), so a small array searched from the top
 * serves better than a hash map: bodies bind a handful of variables. Names and values share one
 * array (name at 2i, value at 2i+1): one allocation per body instead of two.
 */
public final class Env {
    private Object[] slots = new Object[8];
    private int top; // 2 * number of bindings

    /**
     * The value bound to name, or null. Names are compared by identity: every bound name comes from
     * a {@code Term.Var}, whose names are interned, so callers pass interned names too.
     */
    public Value get(String name) {
        Object[] s = slots;
        for (int i = top - 2; i >= 0; i -= 2) {
            if (s[i] == name) {
                return (Value) s[i + 1];
            }
        }
        return null;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    void bind(String name, Value v) {
        if (top == slots.length) {
            slots = Arrays.copyOf(slots, top * 2);
        }
        slots[top] = name;
        slots[top + 1] = v;
        top += 2;
    }

    /** Undoes the latest binding of name (normally the top one). */
    void unbind(String name) {
        for (int i = top - 2; i >= 0; i -= 2) {
            if (slots[i] == name) {
                System.arraycopy(slots, i + 2, slots, i, top - i - 2);
                top -= 2;
                slots[top] = null;
                slots[top + 1] = null;
                return;
            }
        }
    }

    /** The current depth of the binding stack, for {@link #reset(int)}. */
    int mark() {
        return top;
    }

    /** Undoes every binding made since {@link #mark()} returned m. */
    void reset(int m) {
        for (int i = m; i < top; i++) {
            slots[i] = null;
        }
        top = m;
    }

    /** A snapshot of the bindings by name. */
    public Map<String, Value> all() {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < top; i += 2) {
            m.put((String) slots[i], (Value) slots[i + 1]);
        }
        return m;
    }
}
