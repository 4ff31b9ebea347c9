package org.mtabaseline.rego.builtins.support.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mtabaseline.rego.builtins.support.GoFormat;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ArgumentDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Definition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Directive;
import org.mtabaseline.rego.builtins.support.graphql.Ast.DirectiveDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FieldDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.OperationTypeDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Position;
import org.mtabaseline.rego.builtins.support.graphql.Ast.SchemaDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.SchemaDocument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Source;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Type;

/**
 * gqlparser's {@code ValidateSchemaDocument}: merges type extensions into their types, resolves the root types and
 * checks every type and directive definition, stopping at the first error. Like the original it changes the
 * document's definitions in place (extensions are appended, the query type gains {@code __schema} and {@code __type}).
 */
public final class SchemaValidator {
    private static final String PRELUDE = readPrelude();

    private SchemaValidator() {
    }

    /** The built-in scalars, directives and introspection types every schema is merged with. */
    public static Source prelude() {
        return new Source("prelude.graphql", PRELUDE, true);
    }

    /** OPA's {@code convertSchema}: a fresh prelude, then the given document, merged and validated. */
    public static Schema withPrelude(SchemaDocument doc) {
        SchemaDocument merged = new SchemaDocument();
        merged.merge(Parser.parseSchema(prelude()));
        merged.merge(doc);
        return validate(merged);
    }

    private static String readPrelude() {
        try (InputStream in = SchemaValidator.class.getResourceAsStream("prelude.graphql")) {
            if (in == null) {
                throw new IllegalStateException("prelude.graphql missing beside " + SchemaValidator.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates a schema document into a schema; throws the first problem found. */
    public static Schema validate(SchemaDocument ast) {
        try {
            return validateDocument(ast);
        } catch (NullPointerException e) {
            // a schema AST given as an object may lack parts the parser always fills in; gqlparser would panic
            throw new GraphqlException("malformed GraphQL schema AST");
        }
    }

    private static Schema validateDocument(SchemaDocument ast) {
        Schema schema = new Schema();
        for (Definition def : ast.definitions) {
            if (schema.types.get(def.name) != null) {
                throw GraphqlException.at(def.position, "Cannot redeclare type " + def.name + ".");
            }
            schema.types.put(def.name, def);
        }
        List<Definition> defs = new ArrayList<>(ast.definitions);
        for (Definition ext : ast.extensions) {
            Definition def = schema.types.get(ext.name);
            if (def == null) {
                def = new Definition();
                def.kind = ext.kind;
                def.name = ext.name;
                def.position = ext.position;
                schema.types.put(ext.name, def);
                defs.add(def);
            }
            if (!def.kind.equals(ext.kind)) {
                throw GraphqlException.at(ext.position, "Cannot extend type " + ext.name + " because the base type is a "
                        + def.kind + ", not " + ext.kind + ".");
            }
            def.directives.addAll(ext.directives);
            def.interfaces.addAll(ext.interfaces);
            def.fields.addAll(ext.fields);
            def.types.addAll(ext.types);
            def.enumValues.addAll(ext.enumValues);
        }
        for (Definition def : defs) {
            switch (def.kind) {
                case Ast.UNION -> {
                    for (String t : def.types) {
                        schema.addPossibleType(def.name, schema.types.get(t));
                        schema.addImplements(t, def);
                    }
                }
                case Ast.INPUT_OBJECT, Ast.OBJECT -> {
                    for (String intf : def.interfaces) {
                        schema.addPossibleType(intf, def);
                        schema.addImplements(def.name, schema.types.get(intf));
                    }
                    schema.addPossibleType(def.name, def);
                }
                case Ast.INTERFACE -> {
                    for (String intf : def.interfaces) {
                        schema.addPossibleType(intf, def);
                        schema.addImplements(def.name, schema.types.get(intf));
                    }
                }
                default -> {
                }
            }
        }
        for (DirectiveDefinition dir : ast.directives) {
            if (schema.directives.get(dir.name) != null) {
                // SDL may redefine the built-in directives (the first definition is kept), nothing else
                switch (dir.name) {
                    case "include", "skip", "deprecated", "specifiedBy" -> {
                    }
                    default -> throw GraphqlException.at(dir.position, "Cannot redeclare directive " + dir.name + ".");
                }
            }
            schema.directives.put(dir.name, dir);
        }
        if (ast.schema.size() > 1) {
            throw GraphqlException.at(ast.schema.get(1).position,
                    "Cannot have multiple schema entry points, consider schema extensions instead.");
        }
        if (ast.schema.size() == 1) {
            schema.description = ast.schema.get(0).description;
            setRoots(schema, ast.schema.get(0));
        }
        for (SchemaDefinition ext : ast.schemaExtension) {
            setRoots(schema, ext);
        }
        validateTypeDefinitions(schema);
        validateDirectiveDefinitions(schema);
        // roots are inferred by name only without a schema definition
        if (ast.schema.isEmpty()) {
            if (schema.query == null && schema.types.get("Query") != null) {
                schema.query = schema.types.get("Query");
            }
            if (schema.mutation == null && schema.types.get("Mutation") != null) {
                schema.mutation = schema.types.get("Mutation");
            }
            if (schema.subscription == null && schema.types.get("Subscription") != null) {
                schema.subscription = schema.types.get("Subscription");
            }
        }
        if (schema.query != null) {
            FieldDefinition schemaField = new FieldDefinition();
            schemaField.name = "__schema";
            schemaField.type = Type.named("__Schema", true);
            FieldDefinition typeField = new FieldDefinition();
            typeField.name = "__type";
            typeField.type = Type.named("__Type", false);
            ArgumentDefinition nameArg = new ArgumentDefinition();
            nameArg.name = "name";
            nameArg.type = Type.named("String", true);
            typeField.arguments.add(nameArg);
            schema.query.fields.add(schemaField);
            schema.query.fields.add(typeField);
        }
        return schema;
    }

    private static void setRoots(Schema schema, SchemaDefinition def) {
        for (OperationTypeDefinition entry : def.operationTypes) {
            Definition root = schema.types.get(entry.type);
            if (root == null) {
                throw GraphqlException.at(entry.position, "Schema root " + entry.operation + " refers to a type "
                        + entry.type + " that does not exist.");
            }
            switch (entry.operation) {
                case "query" -> schema.query = root;
                case "mutation" -> schema.mutation = root;
                case "subscription" -> schema.subscription = root;
                default -> {
                }
            }
        }
    }

    private static void validateTypeDefinitions(Schema schema) {
        for (String name : new TreeSet<>(schema.types.keySet())) {
            validateDefinition(schema, schema.types.get(name));
        }
    }

    private static void validateDirectiveDefinitions(Schema schema) {
        for (String name : new TreeSet<>(schema.directives.keySet())) {
            DirectiveDefinition def = schema.directives.get(name);
            validateName(def.position, def.name);
            validateArgs(schema, def.arguments, def);
        }
    }

    private static void validateDefinition(Schema schema, Definition def) {
        for (FieldDefinition field : def.fields) {
            validateName(field.position, field.name);
            validateTypeRef(schema, field.type);
            validateArgs(schema, field.arguments, null);
            String want = def.kind.equals(Ast.INPUT_OBJECT) ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION";
            validateDirectives(schema, field.directives, want, null);
        }
        for (String typ : def.types) {
            Definition typDef = schema.types.get(typ);
            if (typDef == null) {
                throw GraphqlException.at(def.position, "Undefined type " + GoFormat.quote(typ, false) + ".");
            }
            if (!typDef.kind.equals(Ast.OBJECT)) {
                throw GraphqlException.at(def.position, def.kind + " type " + GoFormat.quote(typ, false) + " must be "
                        + Ast.OBJECT + ".");
            }
        }
        for (String intf : def.interfaces) {
            validateImplements(schema, def, intf);
        }
        switch (def.kind) {
            case Ast.OBJECT, Ast.INTERFACE -> {
                if (def.fields.isEmpty()) {
                    throw GraphqlException.at(def.position, def.kind + " " + def.name
                            + ": must define one or more fields.");
                }
                for (FieldDefinition field : def.fields) {
                    Definition typ = schema.types.get(field.type.name());
                    if (typ != null && !isValidKind(typ.kind, Ast.SCALAR, Ast.OBJECT, Ast.INTERFACE, Ast.UNION,
                            Ast.ENUM)) {
                        throw GraphqlException.at(field.position, def.kind + " " + def.name
                                + ": field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.");
                    }
                }
            }
            case Ast.ENUM -> {
                if (def.enumValues.isEmpty()) {
                    throw GraphqlException.at(def.position, def.kind + " " + def.name
                            + ": must define one or more unique enum values.");
                }
                for (Ast.EnumValueDefinition value : def.enumValues) {
                    if (value.name.equals("true") || value.name.equals("false") || value.name.equals("null")) {
                        throw GraphqlException.at(def.position, def.kind + " " + def.name + ": non-enum value "
                                + value.name + ".");
                    }
                }
            }
            case Ast.INPUT_OBJECT -> {
                if (def.fields.isEmpty()) {
                    throw GraphqlException.at(def.position, def.kind + " " + def.name
                            + ": must define one or more input fields.");
                }
                for (FieldDefinition field : def.fields) {
                    Definition typ = schema.types.get(field.type.name());
                    if (typ != null && !isValidKind(typ.kind, Ast.SCALAR, Ast.ENUM, Ast.INPUT_OBJECT)) {
                        throw GraphqlException.at(field.position, typ.kind + " " + field.name
                                + ": field must be one of SCALAR, ENUM, INPUT_OBJECT.");
                    }
                }
            }
            default -> {
            }
        }
        for (int i = 0; i < def.fields.size(); i++) {
            for (int j = i + 1; j < def.fields.size(); j++) {
                FieldDefinition field2 = def.fields.get(j);
                if (def.fields.get(i).name.equals(field2.name)) {
                    throw GraphqlException.at(field2.position, "Field " + def.name + "." + field2.name
                            + " can only be defined once.");
                }
            }
        }
        if (!def.builtIn) {
            validateName(def.position, def.name);
        }
        validateDirectives(schema, def.directives, def.kind, null);
    }

    private static void validateTypeRef(Schema schema, Type typ) {
        if (schema.types.get(typ.name()) == null) {
            throw GraphqlException.at(typ.position, "Undefined type " + typ.name() + ".");
        }
    }

    private static void validateArgs(Schema schema, List<ArgumentDefinition> args, DirectiveDefinition current) {
        for (ArgumentDefinition arg : args) {
            validateName(arg.position, arg.name);
            validateTypeRef(schema, arg.type);
            Definition def = schema.types.get(arg.type.name());
            if (!def.isInputType()) {
                throw GraphqlException.at(arg.position, "cannot use " + arg.type + " as argument " + arg.name
                        + " because " + def.kind + " is not a valid input type");
            }
            validateDirectives(schema, arg.directives, "ARGUMENT_DEFINITION", current);
        }
    }

    private static void validateDirectives(Schema schema, List<Directive> dirs, String location,
            DirectiveDefinition current) {
        for (Directive dir : dirs) {
            validateName(dir.position, dir.name);
            if (current != null && dir.name.equals(current.name)) {
                throw GraphqlException.at(dir.position, "Directive " + current.name + " cannot refer to itself.");
            }
            DirectiveDefinition def = schema.directives.get(dir.name);
            if (def == null) {
                throw GraphqlException.at(dir.position, "Undefined directive " + dir.name + ".");
            }
            if (!def.locations.contains(location)) {
                throw GraphqlException.at(dir.position, "Directive " + dir.name + " is not applicable on " + location
                        + ".");
            }
            dir.definition = def;
        }
    }

    // see the validation rules at the bottom of https://spec.graphql.org/October2021/#sec-Objects
    private static void validateImplements(Schema schema, Definition def, String intfName) {
        Definition intf = schema.types.get(intfName);
        if (intf == null) {
            throw GraphqlException.at(def.position, "Undefined type " + GoFormat.quote(intfName, false) + ".");
        }
        if (!intf.kind.equals(Ast.INTERFACE)) {
            throw GraphqlException.at(def.position, GoFormat.quote(intfName, false) + " is a non interface type "
                    + intf.kind + ".");
        }
        for (FieldDefinition required : intf.fields) {
            FieldDefinition found = def.field(required.name);
            if (found == null) {
                throw GraphqlException.at(def.position, "For " + def.name + " to implement " + intf.name
                        + " it must have a field called " + required.name + ".");
            }
            if (!isCovariant(schema, required.type, found.type)) {
                throw GraphqlException.at(found.position, "For " + def.name + " to implement " + intf.name
                        + " the field " + required.name + " must have type " + required.type + ".");
            }
            for (ArgumentDefinition requiredArg : required.arguments) {
                ArgumentDefinition foundArg = found.argument(requiredArg.name);
                if (foundArg == null) {
                    throw GraphqlException.at(found.position, "For " + def.name + " to implement " + intf.name
                            + " the field " + required.name + " must have the same arguments but it is missing "
                            + requiredArg.name + ".");
                }
                if (!requiredArg.type.isCompatible(foundArg.type)) {
                    throw GraphqlException.at(foundArg.position, "For " + def.name + " to implement " + intf.name
                            + " the field " + required.name + " must have the same arguments but " + requiredArg.name
                            + " has the wrong type.");
                }
            }
            for (ArgumentDefinition foundArg : found.arguments) {
                if (required.argument(foundArg.name) == null && foundArg.type.nonNull && foundArg.defaultValue == null) {
                    throw GraphqlException.at(foundArg.position, "For " + def.name + " to implement " + intf.name
                            + " any additional arguments on " + found.name
                            + " must be optional or have a default value but " + foundArg.name + " is required.");
                }
            }
        }
        validateTypeImplementsAncestors(schema, def, intfName);
    }

    private static void validateTypeImplementsAncestors(Schema schema, Definition def, String intfName) {
        Definition intf = schema.types.get(intfName);
        if (intf == null) {
            throw GraphqlException.at(def.position, "Undefined type " + GoFormat.quote(intfName, false) + ".");
        }
        for (String transitive : intf.interfaces) {
            if (!def.interfaces.contains(transitive)) {
                if (transitive.equals(def.name)) {
                    throw GraphqlException.at(def.position, "Type " + def.name + " cannot implement " + intfName
                            + " because it would create a circular reference.");
                }
                throw GraphqlException.at(def.position, "Type " + def.name + " must implement " + transitive
                        + " because it is implemented by " + intfName + ".");
            }
        }
    }

    private static boolean isCovariant(Schema schema, Type required, Type actual) {
        if (required.nonNull && !actual.nonNull) {
            return false;
        }
        if (!required.namedType.isEmpty()) {
            if (required.namedType.equals(actual.namedType)) {
                return true;
            }
            for (Definition pt : schema.possibleTypes.getOrDefault(required.namedType, List.of())) {
                if (pt.name.equals(actual.namedType)) {
                    return true;
                }
            }
            return false;
        }
        if (required.elem != null && actual.elem == null) {
            return false;
        }
        return isCovariant(schema, required.elem, actual.elem);
    }

    private static void validateName(Position pos, String name) {
        if (name.startsWith("__")) {
            throw GraphqlException.at(pos, "Name \"" + name
                    + "\" must not begin with \"__\", which is reserved by GraphQL introspection.");
        }
    }

    private static boolean isValidKind(String kind, String... valid) {
        for (String k : valid) {
            if (kind.equals(k)) {
                return true;
            }
        }
        return false;
    }
}
