package org.mtabaseline.rego.types;

import java.util.List;
import org.mtabaseline.rego.value.Value;

/**
 * A Rego type as OPA's type checker knows it (package types): scalars, arrays with static and dynamic
 * parts, objects with static and dynamic properties, sets, unions ({@code any<...>}, the empty union being
 * {@code any}) and function signatures. An unknown type is Java {@code null} (OPA's nil, printed "???").
 */
public sealed interface Type {
    NullType NULL = new NullType();
    BooleanType BOOLEAN = new BooleanType();
    NumberType NUMBER = new NumberType();
    StringType STRING = new StringType();
    AnyType ANY = new AnyType(List.of());

    record NullType() implements Type {
        @Override
        public String toString() {
            return "null";
        }
    }

    record BooleanType() implements Type {
        @Override
        public String toString() {
            return "boolean";
        }
    }

    record NumberType() implements Type {
        @Override
        public String toString() {
            return "number";
        }
    }

    record StringType() implements Type {
        @Override
        public String toString() {
            return "string";
        }
    }

    /** {@code array<static...>[dynamic]}: leading elements typed one by one, the rest by dynamic (may be null). */
    record ArrayType(List<Type> statics, Type dynamic) implements Type {
        public ArrayType {
            statics = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(statics));
        }

        /** The type of element i, or null when there is none. */
        public Type select(int i) {
            if (i >= 0) {
                if (i < statics.size()) {
                    return statics.get(i);
                }
                return dynamic;
            }
            return null;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("array");
            if (!statics.isEmpty()) {
                sb.append('<').append(Types.join(statics)).append('>');
            }
            if (dynamic != null) {
                sb.append('[').append(Types.sprint(dynamic)).append(']');
            }
            return sb.toString();
        }
    }

    /** A static object property: its key (a scalar or composite constant) and value type. */
    record Property(Value key, Type value) {
    }

    /** {@code object<k: T, ...>[K: V]}: static properties sorted by key; the dynamic part may be absent. */
    record ObjectType(List<Property> statics, Type dynamicKey, Type dynamicValue) implements Type {
        public ObjectType {
            statics = statics.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList();
        }

        public boolean hasDynamic() {
            return dynamicKey != null || dynamicValue != null;
        }

        /** The value type of the named property, or of the dynamic part when its key type admits it. */
        public Type select(Value key) {
            for (Property p : statics) {
                if (p.key().equals(key)) {
                    return p.value();
                }
            }
            if (hasDynamic() && Types.contains(dynamicKey, Types.typeOf(key))) {
                return dynamicValue;
            }
            return null;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("object");
            if (!statics.isEmpty()) {
                sb.append('<');
                for (int i = 0; i < statics.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(Types.keyText(statics.get(i).key())).append(": ").append(Types.sprint(statics.get(i).value()));
                }
                sb.append('>');
            }
            if (hasDynamic()) {
                sb.append('[').append(Types.sprint(dynamicKey)).append(": ").append(Types.sprint(dynamicValue)).append(']');
            }
            return sb.toString();
        }
    }

    record SetType(Type of) implements Type {
        @Override
        public String toString() {
            return "set[" + Types.sprint(of) + "]";
        }
    }

    /** A union of types, sorted; the empty union is {@code any}, the type of every value. */
    record AnyType(List<Type> of) implements Type {
        public AnyType {
            of = List.copyOf(of);
        }

        public boolean isAny() {
            return of.isEmpty();
        }

        @Override
        public String toString() {
            return of.isEmpty() ? "any" : "any<" + Types.join(of) + ">";
        }
    }

    /**
     * A function signature. Arguments and result may carry names (built-in declarations do), shown in
     * error messages as OPA does ({@code x: number}); variadic and result may be null.
     */
    record FunctionType(List<Type> args, Type result, Type variadic, List<String> argNames, String resultName)
            implements Type {
        public FunctionType {
            args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
            argNames = argNames == null ? null : List.copyOf(argNames);
        }

        public FunctionType(List<Type> args, Type result) {
            this(args, result, null, null, null);
        }

        public int arity() {
            return args.size();
        }

        /** The type expected for argument i (the variadic type past the fixed arguments). */
        public Type arg(int i) {
            return i < args.size() ? args.get(i) : variadic;
        }

        /** {@code (x: number, y: number)}: the arguments as OPA prints a function's "want". */
        public String namedArgs(boolean withResult) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                if (argNames != null && argNames.get(i) != null) {
                    sb.append(argNames.get(i)).append(": ");
                }
                sb.append(Types.sprint(args.get(i)));
            }
            if (variadic != null) {
                if (!args.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(Types.sprint(variadic)).append("...");
            }
            if (withResult && result != null) {
                if (!args.isEmpty() || variadic != null) {
                    sb.append(", ");
                }
                if (resultName != null) {
                    sb.append(resultName).append(": ");
                }
                sb.append(Types.sprint(result));
            }
            return sb.append(')').toString();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            sb.append(Types.join(args));
            if (variadic != null) {
                if (!args.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(Types.sprint(variadic)).append("...");
            }
            return sb.append(") => ").append(Types.sprint(result)).toString();
        }
    }
}
