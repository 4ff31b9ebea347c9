package org.mtabaseline.rego.builtins.support.graphql;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.builtins.support.GoFormat;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Argument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ArgumentDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ChildValue;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Definition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Directive;
import org.mtabaseline.rego.builtins.support.graphql.Ast.DirectiveDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.EnumValueDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Field;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FieldDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FragmentDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FragmentSpread;
import org.mtabaseline.rego.builtins.support.graphql.Ast.InlineFragment;
import org.mtabaseline.rego.builtins.support.graphql.Ast.OperationDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.OperationTypeDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Position;
import org.mtabaseline.rego.builtins.support.graphql.Ast.QueryDocument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.SchemaDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.SchemaDocument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Selection;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Source;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Type;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Value;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ValueKind;
import org.mtabaseline.rego.builtins.support.graphql.Ast.VariableDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Token.Kind;

/**
 * gqlparser's recursive-descent parser for query and schema documents. Like the original it keeps only the first
 * error and carries on returning the previous token, so a document parses to the end before the error surfaces.
 * One addition: nesting (selection sets, list and object values, list types) deeper than {@link #MAX_DEPTH} is an
 * error, because Java's stack, unlike Go's, does not grow.
 */
public final class Parser {
    /** Deepest nesting of selection sets, values or list types accepted. */
    public static final int MAX_DEPTH = 500;

    private final Lexer lexer;
    private GraphqlException err;
    private boolean peeked;
    private Token peekToken;
    private GraphqlException peekError;
    // Go's zero token: what peek() and next() hand back once an error has been recorded
    private Token prev = new Token(Kind.INVALID, "", new Position(0, 0, null));
    private int depth;

    private Parser(Source source) {
        this.lexer = new Lexer(source);
    }

    /** Parses an executable document. */
    public static QueryDocument parseQuery(Source source) {
        Parser p = new Parser(source);
        QueryDocument doc = p.parseQueryDocument();
        if (p.err != null) {
            throw p.err;
        }
        return doc;
    }

    /** Parses a type system document; definitions are marked built in when the source is. */
    public static SchemaDocument parseSchema(Source source) {
        Parser p = new Parser(source);
        SchemaDocument doc = p.parseSchemaDocument();
        if (p.err != null) {
            throw p.err;
        }
        for (Definition d : doc.definitions) {
            d.builtIn = source.builtIn();
        }
        for (Definition d : doc.extensions) {
            d.builtIn = source.builtIn();
        }
        return doc;
    }

    // ------------------------------------------------------------------ token plumbing

    private Position peekPos() {
        if (err != null) {
            return null;
        }
        return peek().pos();
    }

    private Token peek() {
        if (err != null) {
            return prev;
        }
        if (!peeked) {
            peekToken = lexer.readToken();
            peekError = lexer.error();
            peeked = true;
        }
        return peekToken;
    }

    private void error(Token tok, String message) {
        if (err != null) {
            return;
        }
        err = GraphqlException.at(tok.pos(), message);
    }

    private Token next() {
        if (err != null) {
            return prev;
        }
        if (peeked) {
            peeked = false;
            prev = peekToken;
            err = peekError;
        } else {
            prev = lexer.readToken();
            err = lexer.error();
        }
        return prev;
    }

    private Token expectKeyword(String value) {
        Token tok = peek();
        if (tok.kind() == Kind.NAME && tok.value().equals(value)) {
            return next();
        }
        error(tok, "Expected " + GoFormat.quote(value, false) + ", found " + tok);
        return tok;
    }

    private Token expect(Kind kind) {
        Token tok = peek();
        if (tok.kind() == kind) {
            return next();
        }
        error(tok, "Expected " + kind + ", found " + tok.kind());
        return tok;
    }

    private boolean skip(Kind kind) {
        if (err != null) {
            return false;
        }
        if (peek().kind() != kind) {
            return false;
        }
        next();
        return true;
    }

    private void unexpectedError() {
        unexpectedToken(peek());
    }

    private void unexpectedToken(Token tok) {
        error(tok, "Unexpected " + tok);
    }

    /** Zero or more items between start and end tokens (nothing at all if start is absent). */
    private void many(Kind start, Kind end, Runnable cb) {
        if (!skip(start)) {
            return;
        }
        while (peek().kind() != end && err == null) {
            cb.run();
        }
        next();
    }

    /** One or more items between start and end tokens (nothing at all if start is absent). */
    private void some(Kind start, Kind end, Runnable cb) {
        if (!skip(start)) {
            return;
        }
        boolean called = false;
        while (peek().kind() != end && err == null) {
            called = true;
            cb.run();
        }
        if (!called) {
            error(peek(), "expected at least one definition, found " + peek().kind());
            return;
        }
        next();
    }

    /** Enters one level of nesting; false (with the error recorded) when that goes too deep. */
    private boolean enter() {
        if (++depth > MAX_DEPTH) {
            error(peek(), "Exceeded the maximum nesting depth of " + MAX_DEPTH);
            return false;
        }
        return true;
    }

    private void leave() {
        depth--;
    }

    // ------------------------------------------------------------------ query documents

    private QueryDocument parseQueryDocument() {
        QueryDocument doc = new QueryDocument();
        while (peek().kind() != Kind.EOF) {
            if (err != null) {
                return doc;
            }
            doc.position = peekPos();
            Token tok = peek();
            if (tok.kind() == Kind.NAME) {
                switch (tok.value()) {
                    case "query", "mutation", "subscription" -> doc.operations.add(parseOperationDefinition());
                    case "fragment" -> doc.fragments.add(parseFragmentDefinition());
                    default -> unexpectedError();
                }
            } else if (tok.kind() == Kind.BRACE_L) {
                doc.operations.add(parseOperationDefinition());
            } else {
                unexpectedError();
            }
        }
        return doc;
    }

    private OperationDefinition parseOperationDefinition() {
        OperationDefinition od = new OperationDefinition();
        if (peek().kind() == Kind.BRACE_L) {
            od.position = peekPos();
            od.operation = "query";
            od.selectionSet = parseRequiredSelectionSet();
            return od;
        }
        od.position = peekPos();
        od.operation = parseOperationType();
        if (peek().kind() == Kind.NAME) {
            od.name = next().value();
        }
        od.variableDefinitions = parseVariableDefinitions();
        od.directives = parseDirectives(false);
        od.selectionSet = parseRequiredSelectionSet();
        return od;
    }

    private String parseOperationType() {
        Token tok = next();
        switch (tok.value()) {
            case "query", "mutation", "subscription" -> {
                return tok.value();
            }
            default -> {
                unexpectedToken(tok);
                return "";
            }
        }
    }

    private List<VariableDefinition> parseVariableDefinitions() {
        List<VariableDefinition> defs = new ArrayList<>();
        many(Kind.PAREN_L, Kind.PAREN_R, () -> defs.add(parseVariableDefinition()));
        return defs;
    }

    private VariableDefinition parseVariableDefinition() {
        VariableDefinition def = new VariableDefinition();
        def.position = peekPos();
        def.variable = parseVariable();
        expect(Kind.COLON);
        def.type = parseTypeReference();
        if (skip(Kind.EQUALS)) {
            def.defaultValue = parseValueLiteral(true);
        }
        def.directives = parseDirectives(false);
        return def;
    }

    private String parseVariable() {
        expect(Kind.DOLLAR);
        return parseName();
    }

    private List<Selection> parseOptionalSelectionSet() {
        List<Selection> selections = new ArrayList<>();
        if (enter()) {
            some(Kind.BRACE_L, Kind.BRACE_R, () -> selections.add(parseSelection()));
        }
        leave();
        return selections;
    }

    private List<Selection> parseRequiredSelectionSet() {
        if (peek().kind() != Kind.BRACE_L) {
            error(peek(), "Expected " + Kind.BRACE_L + ", found " + peek().kind());
            return new ArrayList<>();
        }
        return parseOptionalSelectionSet();
    }

    private Selection parseSelection() {
        if (peek().kind() == Kind.SPREAD) {
            return parseFragment();
        }
        return parseField();
    }

    private Field parseField() {
        Field field = new Field();
        field.position = peekPos();
        field.alias = parseName();
        if (skip(Kind.COLON)) {
            field.name = parseName();
        } else {
            field.name = field.alias;
        }
        field.arguments = parseArguments(false);
        field.directives = parseDirectives(false);
        if (peek().kind() == Kind.BRACE_L) {
            field.selectionSet = parseOptionalSelectionSet();
        }
        return field;
    }

    private List<Argument> parseArguments(boolean isConst) {
        List<Argument> arguments = new ArrayList<>();
        many(Kind.PAREN_L, Kind.PAREN_R, () -> arguments.add(parseArgument(isConst)));
        return arguments;
    }

    private Argument parseArgument(boolean isConst) {
        Argument arg = new Argument();
        arg.position = peekPos();
        arg.name = parseName();
        expect(Kind.COLON);
        arg.value = parseValueLiteral(isConst);
        return arg;
    }

    private Selection parseFragment() {
        expect(Kind.SPREAD);
        Token peek = peek();
        if (peek.kind() == Kind.NAME && !peek.value().equals("on")) {
            FragmentSpread spread = new FragmentSpread();
            spread.position = peekPos();
            spread.name = parseFragmentName();
            spread.directives = parseDirectives(false);
            return spread;
        }
        InlineFragment def = new InlineFragment();
        def.position = peekPos();
        if (peek().value().equals("on")) {
            next();
            def.typeCondition = parseName();
        }
        def.directives = parseDirectives(false);
        def.selectionSet = parseRequiredSelectionSet();
        return def;
    }

    private FragmentDefinition parseFragmentDefinition() {
        FragmentDefinition def = new FragmentDefinition();
        def.position = peekPos();
        expectKeyword("fragment");
        def.name = parseFragmentName();
        def.variableDefinition = parseVariableDefinitions();
        expectKeyword("on");
        def.typeCondition = parseName();
        def.directives = parseDirectives(false);
        def.selectionSet = parseRequiredSelectionSet();
        return def;
    }

    private String parseFragmentName() {
        if (peek().value().equals("on")) {
            unexpectedError();
            return "";
        }
        return parseName();
    }

    private Value parseValueLiteral(boolean isConst) {
        Token token = peek();
        ValueKind kind;
        switch (token.kind()) {
            case BRACKET_L -> {
                return parseList(isConst);
            }
            case BRACE_L -> {
                return parseObject(isConst);
            }
            case DOLLAR -> {
                if (isConst) {
                    unexpectedError();
                    return null;
                }
                return new Value(ValueKind.VARIABLE, parseVariable(), token.pos());
            }
            case INT -> kind = ValueKind.INT;
            case FLOAT -> kind = ValueKind.FLOAT;
            case STRING -> kind = ValueKind.STRING;
            case BLOCK_STRING -> kind = ValueKind.BLOCK;
            case NAME -> kind = switch (token.value()) {
                case "true", "false" -> ValueKind.BOOLEAN;
                case "null" -> ValueKind.NULL;
                default -> ValueKind.ENUM;
            };
            default -> {
                unexpectedError();
                return null;
            }
        }
        next();
        return new Value(kind, token.value(), token.pos());
    }

    private Value parseList(boolean isConst) {
        List<ChildValue> values = new ArrayList<>();
        Position pos = peekPos();
        if (enter()) {
            many(Kind.BRACKET_L, Kind.BRACKET_R, () -> {
                ChildValue c = new ChildValue();
                c.value = parseValueLiteral(isConst);
                values.add(c);
            });
        }
        leave();
        Value v = new Value(ValueKind.LIST, "", pos);
        v.children = values;
        return v;
    }

    private Value parseObject(boolean isConst) {
        List<ChildValue> fields = new ArrayList<>();
        Position pos = peekPos();
        if (enter()) {
            many(Kind.BRACE_L, Kind.BRACE_R, () -> fields.add(parseObjectField(isConst)));
        }
        leave();
        Value v = new Value(ValueKind.OBJECT, "", pos);
        v.children = fields;
        return v;
    }

    private ChildValue parseObjectField(boolean isConst) {
        ChildValue field = new ChildValue();
        field.position = peekPos();
        field.name = parseName();
        expect(Kind.COLON);
        field.value = parseValueLiteral(isConst);
        return field;
    }

    private List<Directive> parseDirectives(boolean isConst) {
        List<Directive> directives = new ArrayList<>();
        while (peek().kind() == Kind.AT) {
            if (err != null) {
                break;
            }
            directives.add(parseDirective(isConst));
        }
        return directives;
    }

    private Directive parseDirective(boolean isConst) {
        expect(Kind.AT);
        Directive d = new Directive();
        d.position = peekPos();
        d.name = parseName();
        d.arguments = parseArguments(isConst);
        return d;
    }

    private Type parseTypeReference() {
        Type typ = new Type();
        if (skip(Kind.BRACKET_L)) {
            typ.position = peekPos();
            if (enter()) {
                typ.elem = parseTypeReference();
            }
            leave();
            expect(Kind.BRACKET_R);
        } else {
            typ.position = peekPos();
            typ.namedType = parseName();
        }
        if (skip(Kind.BANG)) {
            typ.nonNull = true;
        }
        return typ;
    }

    private String parseName() {
        return expect(Kind.NAME).value();
    }

    // ------------------------------------------------------------------ schema documents

    private SchemaDocument parseSchemaDocument() {
        SchemaDocument doc = new SchemaDocument();
        doc.position = peekPos();
        while (peek().kind() != Kind.EOF) {
            if (err != null) {
                return null;
            }
            String description = "";
            if (peek().kind() == Kind.BLOCK_STRING || peek().kind() == Kind.STRING) {
                description = parseDescription();
            }
            if (peek().kind() != Kind.NAME) {
                unexpectedError();
                break;
            }
            switch (peek().value()) {
                case "scalar", "type", "interface", "union", "enum", "input" ->
                        doc.definitions.add(parseTypeSystemDefinition(description));
                case "schema" -> doc.schema.add(parseSchemaDefinition(description));
                case "directive" -> doc.directives.add(parseDirectiveDefinition(description));
                case "extend" -> {
                    if (!description.isEmpty()) {
                        unexpectedToken(prev);
                    }
                    parseTypeSystemExtension(doc);
                }
                default -> {
                    unexpectedError();
                    return null;
                }
            }
        }
        return doc;
    }

    private String parseDescription() {
        Token token = peek();
        if (token.kind() != Kind.BLOCK_STRING && token.kind() != Kind.STRING) {
            return "";
        }
        return next().value();
    }

    private Definition parseTypeSystemDefinition(String description) {
        Token tok = peek();
        if (tok.kind() != Kind.NAME) {
            unexpectedError();
            return null;
        }
        return switch (tok.value()) {
            case "scalar" -> parseScalarTypeDefinition(description);
            case "type" -> parseObjectTypeDefinition(description);
            case "interface" -> parseInterfaceTypeDefinition(description);
            case "union" -> parseUnionTypeDefinition(description);
            case "enum" -> parseEnumTypeDefinition(description);
            case "input" -> parseInputObjectTypeDefinition(description);
            default -> {
                unexpectedError();
                yield null;
            }
        };
    }

    private SchemaDefinition parseSchemaDefinition(String description) {
        expectKeyword("schema");
        SchemaDefinition def = new SchemaDefinition();
        def.position = peekPos();
        def.description = description;
        def.directives = parseDirectives(true);
        some(Kind.BRACE_L, Kind.BRACE_R, () -> def.operationTypes.add(parseOperationTypeDefinition()));
        return def;
    }

    private OperationTypeDefinition parseOperationTypeDefinition() {
        OperationTypeDefinition op = new OperationTypeDefinition();
        op.position = peekPos();
        op.operation = parseOperationType();
        expect(Kind.COLON);
        op.type = parseName();
        return op;
    }

    private Definition newDefinition(String kind, String description) {
        Definition def = new Definition();
        def.position = peekPos();
        def.kind = kind;
        def.description = description;
        return def;
    }

    private Definition parseScalarTypeDefinition(String description) {
        expectKeyword("scalar");
        Definition def = newDefinition(Ast.SCALAR, description);
        def.name = parseName();
        def.directives = parseDirectives(true);
        return def;
    }

    private Definition parseObjectTypeDefinition(String description) {
        expectKeyword("type");
        Definition def = newDefinition(Ast.OBJECT, description);
        def.name = parseName();
        def.interfaces = parseImplementsInterfaces();
        def.directives = parseDirectives(true);
        def.fields = parseFieldsDefinition();
        return def;
    }

    private List<String> parseImplementsInterfaces() {
        List<String> types = new ArrayList<>();
        if (peek().value().equals("implements")) {
            next();
            skip(Kind.AMP); // optional leading ampersand
            types.add(parseName());
            while (skip(Kind.AMP) && err == null) {
                types.add(parseName());
            }
        }
        return types;
    }

    private List<FieldDefinition> parseFieldsDefinition() {
        List<FieldDefinition> defs = new ArrayList<>();
        some(Kind.BRACE_L, Kind.BRACE_R, () -> defs.add(parseFieldDefinition()));
        return defs;
    }

    private FieldDefinition parseFieldDefinition() {
        FieldDefinition def = new FieldDefinition();
        def.position = peekPos();
        def.description = parseDescription();
        def.name = parseName();
        def.arguments = parseArgumentDefs();
        expect(Kind.COLON);
        def.type = parseTypeReference();
        def.directives = parseDirectives(true);
        return def;
    }

    private List<ArgumentDefinition> parseArgumentDefs() {
        List<ArgumentDefinition> args = new ArrayList<>();
        some(Kind.PAREN_L, Kind.PAREN_R, () -> args.add(parseArgumentDef()));
        return args;
    }

    private ArgumentDefinition parseArgumentDef() {
        ArgumentDefinition def = new ArgumentDefinition();
        def.position = peekPos();
        def.description = parseDescription();
        def.name = parseName();
        expect(Kind.COLON);
        def.type = parseTypeReference();
        if (skip(Kind.EQUALS)) {
            def.defaultValue = parseValueLiteral(true);
        }
        def.directives = parseDirectives(true);
        return def;
    }

    private FieldDefinition parseInputValueDef() {
        FieldDefinition def = new FieldDefinition();
        def.position = peekPos();
        def.description = parseDescription();
        def.name = parseName();
        expect(Kind.COLON);
        def.type = parseTypeReference();
        if (skip(Kind.EQUALS)) {
            def.defaultValue = parseValueLiteral(true);
        }
        def.directives = parseDirectives(true);
        return def;
    }

    private Definition parseInterfaceTypeDefinition(String description) {
        expectKeyword("interface");
        Definition def = newDefinition(Ast.INTERFACE, description);
        def.name = parseName();
        def.interfaces = parseImplementsInterfaces();
        def.directives = parseDirectives(true);
        def.fields = parseFieldsDefinition();
        return def;
    }

    private Definition parseUnionTypeDefinition(String description) {
        expectKeyword("union");
        Definition def = newDefinition(Ast.UNION, description);
        def.name = parseName();
        def.directives = parseDirectives(true);
        def.types = parseUnionMemberTypes();
        return def;
    }

    private List<String> parseUnionMemberTypes() {
        List<String> types = new ArrayList<>();
        if (skip(Kind.EQUALS)) {
            skip(Kind.PIPE); // optional leading pipe
            types.add(parseName());
            while (skip(Kind.PIPE) && err == null) {
                types.add(parseName());
            }
        }
        return types;
    }

    private Definition parseEnumTypeDefinition(String description) {
        expectKeyword("enum");
        Definition def = newDefinition(Ast.ENUM, description);
        def.name = parseName();
        def.directives = parseDirectives(true);
        def.enumValues = parseEnumValuesDefinition();
        return def;
    }

    private List<EnumValueDefinition> parseEnumValuesDefinition() {
        List<EnumValueDefinition> values = new ArrayList<>();
        some(Kind.BRACE_L, Kind.BRACE_R, () -> values.add(parseEnumValueDefinition()));
        return values;
    }

    private EnumValueDefinition parseEnumValueDefinition() {
        EnumValueDefinition def = new EnumValueDefinition();
        def.position = peekPos();
        def.description = parseDescription();
        def.name = parseName();
        def.directives = parseDirectives(true);
        return def;
    }

    private Definition parseInputObjectTypeDefinition(String description) {
        expectKeyword("input");
        Definition def = newDefinition(Ast.INPUT_OBJECT, description);
        def.name = parseName();
        def.directives = parseDirectives(true);
        def.fields = parseInputFieldsDefinition();
        return def;
    }

    private List<FieldDefinition> parseInputFieldsDefinition() {
        List<FieldDefinition> values = new ArrayList<>();
        some(Kind.BRACE_L, Kind.BRACE_R, () -> values.add(parseInputValueDef()));
        return values;
    }

    private void parseTypeSystemExtension(SchemaDocument doc) {
        expectKeyword("extend");
        switch (peek().value()) {
            case "schema" -> doc.schemaExtension.add(parseSchemaExtension());
            case "scalar" -> doc.extensions.add(parseScalarTypeExtension());
            case "type" -> doc.extensions.add(parseObjectTypeExtension());
            case "interface" -> doc.extensions.add(parseInterfaceTypeExtension());
            case "union" -> doc.extensions.add(parseUnionTypeExtension());
            case "enum" -> doc.extensions.add(parseEnumTypeExtension());
            case "input" -> doc.extensions.add(parseInputObjectTypeExtension());
            default -> unexpectedError();
        }
    }

    private SchemaDefinition parseSchemaExtension() {
        expectKeyword("schema");
        SchemaDefinition def = new SchemaDefinition();
        def.position = peekPos();
        def.directives = parseDirectives(true);
        some(Kind.BRACE_L, Kind.BRACE_R, () -> def.operationTypes.add(parseOperationTypeDefinition()));
        if (def.directives.isEmpty() && def.operationTypes.isEmpty()) {
            unexpectedError();
        }
        return def;
    }

    private Definition parseScalarTypeExtension() {
        expectKeyword("scalar");
        Definition def = newDefinition(Ast.SCALAR, "");
        def.name = parseName();
        def.directives = parseDirectives(true);
        if (def.directives.isEmpty()) {
            unexpectedError();
        }
        return def;
    }

    private Definition parseObjectTypeExtension() {
        expectKeyword("type");
        Definition def = newDefinition(Ast.OBJECT, "");
        def.name = parseName();
        def.interfaces = parseImplementsInterfaces();
        def.directives = parseDirectives(true);
        def.fields = parseFieldsDefinition();
        if (def.interfaces.isEmpty() && def.directives.isEmpty() && def.fields.isEmpty()) {
            unexpectedError();
        }
        return def;
    }

    private Definition parseInterfaceTypeExtension() {
        expectKeyword("interface");
        Definition def = newDefinition(Ast.INTERFACE, "");
        def.name = parseName();
        def.directives = parseDirectives(true);
        def.fields = parseFieldsDefinition();
        if (def.directives.isEmpty() && def.fields.isEmpty()) {
            unexpectedError();
        }
        return def;
    }

    private Definition parseUnionTypeExtension() {
        expectKeyword("union");
        Definition def = newDefinition(Ast.UNION, "");
        def.name = parseName();
        def.directives = parseDirectives(true);
        def.types = parseUnionMemberTypes();
        if (def.directives.isEmpty() && def.types.isEmpty()) {
            unexpectedError();
        }
        return def;
    }

    private Definition parseEnumTypeExtension() {
        expectKeyword("enum");
        Definition def = newDefinition(Ast.ENUM, "");
        def.name = parseName();
        def.directives = parseDirectives(true);
        def.enumValues = parseEnumValuesDefinition();
        if (def.directives.isEmpty() && def.enumValues.isEmpty()) {
            unexpectedError();
        }
        return def;
    }

    private Definition parseInputObjectTypeExtension() {
        expectKeyword("input");
        Definition def = newDefinition(Ast.INPUT_OBJECT, "");
        def.name = parseName();
        def.directives = parseDirectives(false);
        def.fields = parseInputFieldsDefinition();
        if (def.directives.isEmpty() && def.fields.isEmpty()) {
            unexpectedError();
        }
        return def;
    }

    private DirectiveDefinition parseDirectiveDefinition(String description) {
        expectKeyword("directive");
        expect(Kind.AT);
        DirectiveDefinition def = new DirectiveDefinition();
        def.position = peekPos();
        def.description = description;
        def.name = parseName();
        def.arguments = parseArgumentDefs();
        Token peek = peek();
        if (peek.kind() == Kind.NAME && peek.value().equals("repeatable")) {
            def.isRepeatable = true;
            skip(Kind.NAME);
        }
        expectKeyword("on");
        def.locations = parseDirectiveLocations();
        return def;
    }

    private List<String> parseDirectiveLocations() {
        skip(Kind.PIPE);
        List<String> locations = new ArrayList<>();
        locations.add(parseDirectiveLocation());
        while (skip(Kind.PIPE) && err == null) {
            locations.add(parseDirectiveLocation());
        }
        return locations;
    }

    private static final java.util.Set<String> LOCATIONS = java.util.Set.of("QUERY", "MUTATION", "SUBSCRIPTION",
            "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA",
            "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE",
            "INPUT_OBJECT", "INPUT_FIELD_DEFINITION");

    private String parseDirectiveLocation() {
        Token name = expect(Kind.NAME);
        if (LOCATIONS.contains(name.value())) {
            return name.value();
        }
        unexpectedToken(name);
        return "";
    }
}
