package org.mtabaseline.rego.builtins.support.graphql;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.builtins.support.GoFormat;

/**
 * gqlparser's AST: plain mutable nodes, as in Go, because the validator fills in the "require validation"
 * links ({@code Definition}, {@code ExpectedType}, {@code Used}, ...) in place. Lists are never null (Go's nil
 * and empty slices look alike once OPA prunes the JSON); single nodes may be null.
 */
public final class Ast {
    private Ast() {
    }

    /** A place in a source: 1-based line and column, counted in code points. */
    public record Position(int line, int column, Source src) {
    }

    /** A named GraphQL text; built-in sources (the prelude) mark their definitions as built in. */
    public record Source(String name, String input, boolean builtIn) {
    }

    // ------------------------------------------------------------------ documents

    public static final class QueryDocument {
        public List<OperationDefinition> operations = new ArrayList<>();
        public List<FragmentDefinition> fragments = new ArrayList<>();
        public Position position;

        public FragmentDefinition fragment(String name) {
            for (FragmentDefinition f : fragments) {
                if (f.name.equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    public static final class SchemaDocument {
        public List<SchemaDefinition> schema = new ArrayList<>();
        public List<SchemaDefinition> schemaExtension = new ArrayList<>();
        public List<DirectiveDefinition> directives = new ArrayList<>();
        public List<Definition> definitions = new ArrayList<>();
        public List<Definition> extensions = new ArrayList<>();
        public Position position;

        /** Appends the other document's parts (gqlparser's {@code SchemaDocument.Merge}). */
        public void merge(SchemaDocument other) {
            schema.addAll(other.schema);
            schemaExtension.addAll(other.schemaExtension);
            directives.addAll(other.directives);
            definitions.addAll(other.definitions);
            extensions.addAll(other.extensions);
        }
    }

    // ------------------------------------------------------------------ executable definitions

    public static final class OperationDefinition {
        public String operation = "";
        public String name = "";
        public List<VariableDefinition> variableDefinitions = new ArrayList<>();
        public List<Directive> directives = new ArrayList<>();
        public List<Selection> selectionSet = new ArrayList<>();
        public Position position;

        public VariableDefinition variable(String name) {
            for (VariableDefinition v : variableDefinitions) {
                if (v.variable.equals(name)) {
                    return v;
                }
            }
            return null;
        }
    }

    public static final class VariableDefinition {
        public String variable = "";
        public Type type;
        public Value defaultValue;
        public List<Directive> directives = new ArrayList<>();
        public Position position;
        // require validation
        public Definition definition;
        public boolean used;
    }

    public static final class FragmentDefinition {
        public String name = "";
        // experimental fragment variables; the JSON key is singular, as in gqlparser
        public List<VariableDefinition> variableDefinition = new ArrayList<>();
        public String typeCondition = "";
        public List<Directive> directives = new ArrayList<>();
        public List<Selection> selectionSet = new ArrayList<>();
        public Position position;
        // require validation
        public Definition definition;
    }

    /** A member of a selection set. */
    public sealed interface Selection permits Field, FragmentSpread, InlineFragment {
        Position position();
    }

    public static final class Field implements Selection {
        public String alias = "";
        public String name = "";
        public List<Argument> arguments = new ArrayList<>();
        public List<Directive> directives = new ArrayList<>();
        public List<Selection> selectionSet = new ArrayList<>();
        public Position position;
        // require validation
        public FieldDefinition definition;
        public Definition objectDefinition;

        @Override
        public Position position() {
            return position;
        }
    }

    public static final class FragmentSpread implements Selection {
        public String name = "";
        public List<Directive> directives = new ArrayList<>();
        public Position position;
        // require validation
        public Definition objectDefinition;
        public FragmentDefinition definition;

        @Override
        public Position position() {
            return position;
        }
    }

    public static final class InlineFragment implements Selection {
        public String typeCondition = "";
        public List<Directive> directives = new ArrayList<>();
        public List<Selection> selectionSet = new ArrayList<>();
        public Position position;
        // require validation
        public Definition objectDefinition;

        @Override
        public Position position() {
            return position;
        }
    }

    public static final class Argument {
        public String name = "";
        public Value value;
        public Position position;
    }

    public static final class Directive {
        public String name = "";
        public List<Argument> arguments = new ArrayList<>();
        public Position position;
        // require validation
        public Definition parentDefinition;
        public DirectiveDefinition definition;
        public String location = "";
    }

    // ------------------------------------------------------------------ values and types

    /** gqlparser's ValueKind; the ordinal is what its JSON shows as {@code Kind}. */
    public enum ValueKind {
        VARIABLE, INT, FLOAT, STRING, BLOCK, BOOLEAN, NULL, ENUM, LIST, OBJECT
    }

    public static final class Value {
        public String raw = "";
        public List<ChildValue> children = new ArrayList<>();
        /** The kind as a number, as in Go: an AST given as an object may carry any integer here. */
        public long kind;
        public Position position;
        // require validation
        public Definition definition;
        public VariableDefinition variableDefinition;
        public Type expectedType;
        public boolean expectedTypeHasDefault;

        public Value() {
        }

        public Value(ValueKind kind, String raw, Position position) {
            this.kind = kind.ordinal();
            this.raw = raw;
            this.position = position;
        }

        public boolean is(ValueKind k) {
            return kind == k.ordinal();
        }

        public ChildValue child(String name) {
            for (ChildValue c : children) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            return null;
        }

        /** gqlparser's {@code Value.String()}: strings quoted, lists and objects by kind name. */
        @Override
        public String toString() {
            if (is(ValueKind.STRING) || is(ValueKind.BLOCK)) {
                return GoFormat.quote(raw, false);
            } else if (is(ValueKind.LIST)) {
                return "list";
            } else if (is(ValueKind.OBJECT)) {
                return "object";
            } else if (kind >= 0 && kind <= ValueKind.OBJECT.ordinal()) {
                return raw;
            }
            throw new GraphqlException("unknown value kind " + kind);
        }
    }

    public static final class ChildValue {
        public String name = "";
        public Value value;
        public Position position;
    }

    public static final class Type {
        public String namedType = "";
        public Type elem;
        public boolean nonNull;
        public Position position;

        public static Type named(String name, boolean nonNull) {
            Type t = new Type();
            t.namedType = name;
            t.nonNull = nonNull;
            return t;
        }

        /** The innermost named type. */
        public String name() {
            Type t = this;
            while (t.namedType.isEmpty()) {
                t = t.elem;
                if (t == null) {
                    throw new GraphqlException("list type without an element type");
                }
            }
            return t.namedType;
        }

        @Override
        public String toString() {
            String nn = nonNull ? "!" : "";
            if (!namedType.isEmpty()) {
                return namedType + nn;
            }
            return "[" + (elem == null ? "<nil>" : elem.toString()) + "]" + nn;
        }

        /** Whether a value of type {@code other} may be used where this type is declared (gqlparser's rule). */
        public boolean isCompatible(Type other) {
            if (!namedType.equals(other.namedType)) {
                return false;
            }
            if (elem != null && other.elem == null) {
                return false;
            }
            if (elem != null && !elem.isCompatible(other.elem)) {
                return false;
            }
            if (other.nonNull) {
                return nonNull;
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ type system definitions

    public static final String SCALAR = "SCALAR";
    public static final String OBJECT = "OBJECT";
    public static final String INTERFACE = "INTERFACE";
    public static final String UNION = "UNION";
    public static final String ENUM = "ENUM";
    public static final String INPUT_OBJECT = "INPUT_OBJECT";

    /** Every type definition kind (and type extension) in one node, as gqlparser has it. */
    public static final class Definition {
        public String kind = "";
        public String description = "";
        public String name = "";
        public List<Directive> directives = new ArrayList<>();
        public List<String> interfaces = new ArrayList<>();
        public List<FieldDefinition> fields = new ArrayList<>();
        public List<String> types = new ArrayList<>();
        public List<EnumValueDefinition> enumValues = new ArrayList<>();
        public Position position;
        public boolean builtIn;

        public boolean isLeafType() {
            return kind.equals(ENUM) || kind.equals(SCALAR);
        }

        public boolean isAbstractType() {
            return kind.equals(INTERFACE) || kind.equals(UNION);
        }

        public boolean isCompositeType() {
            return kind.equals(OBJECT) || kind.equals(INTERFACE) || kind.equals(UNION);
        }

        public boolean isInputType() {
            return kind.equals(SCALAR) || kind.equals(ENUM) || kind.equals(INPUT_OBJECT);
        }

        public boolean oneOf(String... names) {
            for (String n : names) {
                if (name.equals(n)) {
                    return true;
                }
            }
            return false;
        }

        public FieldDefinition field(String fieldName) {
            for (FieldDefinition f : fields) {
                if (f.name.equals(fieldName)) {
                    return f;
                }
            }
            return null;
        }

        public EnumValueDefinition enumValue(String valueName) {
            for (EnumValueDefinition e : enumValues) {
                if (e.name.equals(valueName)) {
                    return e;
                }
            }
            return null;
        }
    }

    public static final class FieldDefinition {
        public String description = "";
        public String name = "";
        public List<ArgumentDefinition> arguments = new ArrayList<>();
        public Value defaultValue;
        public Type type;
        public List<Directive> directives = new ArrayList<>();
        public Position position;

        public ArgumentDefinition argument(String argName) {
            return ArgumentDefinition.find(arguments, argName);
        }
    }

    public static final class ArgumentDefinition {
        public String description = "";
        public String name = "";
        public Value defaultValue;
        public Type type;
        public List<Directive> directives = new ArrayList<>();
        public Position position;

        static ArgumentDefinition find(List<ArgumentDefinition> args, String argName) {
            for (ArgumentDefinition a : args) {
                if (a.name.equals(argName)) {
                    return a;
                }
            }
            return null;
        }
    }

    public static final class EnumValueDefinition {
        public String description = "";
        public String name = "";
        public List<Directive> directives = new ArrayList<>();
        public Position position;
    }

    public static final class DirectiveDefinition {
        public String description = "";
        public String name = "";
        public List<ArgumentDefinition> arguments = new ArrayList<>();
        public List<String> locations = new ArrayList<>();
        public boolean isRepeatable;
        public Position position;

        public ArgumentDefinition argument(String argName) {
            return ArgumentDefinition.find(arguments, argName);
        }
    }

    public static final class SchemaDefinition {
        public String description = "";
        public List<Directive> directives = new ArrayList<>();
        public List<OperationTypeDefinition> operationTypes = new ArrayList<>();
        public Position position;
    }

    public static final class OperationTypeDefinition {
        public String operation = "";
        public String type = "";
        public Position position;
    }
}
