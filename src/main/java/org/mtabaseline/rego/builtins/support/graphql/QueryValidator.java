package org.mtabaseline.rego.builtins.support.graphql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mtabaseline.rego.builtins.support.GoFormat;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Argument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ArgumentDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ChildValue;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Definition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Directive;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Field;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FieldDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FragmentDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FragmentSpread;
import org.mtabaseline.rego.builtins.support.graphql.Ast.InlineFragment;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Position;
import org.mtabaseline.rego.builtins.support.graphql.Ast.QueryDocument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Selection;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Type;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Value;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ValueKind;
import org.mtabaseline.rego.builtins.support.graphql.Ast.VariableDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Walker.Events;

/**
 * gqlparser's query validation: every rule registers observers on one walk of the document. Rules are registered
 * in the order Go runs their {@code init} functions (their file names, alphabetically), which decides the order of
 * errors reported for the same node.
 */
public final class QueryValidator {
    private final List<GraphqlException.Located> errors = new ArrayList<>();

    private QueryValidator() {
    }

    /** All validation errors of the document against the schema, in the order gqlparser finds them. */
    public static List<GraphqlException.Located> validate(Schema schema, QueryDocument doc) {
        QueryValidator v = new QueryValidator();
        Events events = new Events();
        v.fieldsOnCorrectType(events);
        v.fragmentsOnCompositeTypes(events);
        v.knownArgumentNames(events);
        v.knownDirectives(events);
        v.knownFragmentNames(events);
        v.knownRootType(events);
        v.knownTypeNames(events);
        v.loneAnonymousOperation(events);
        v.noFragmentCycles(events);
        v.noUndefinedVariables(events);
        v.noUnusedFragments(events);
        v.noUnusedVariables(events);
        new OverlappingFields(v::addError).register(events);
        v.possibleFragmentSpreads(events);
        v.providedRequiredArguments(events);
        v.scalarLeafs(events);
        v.singleFieldSubscriptions(events);
        v.uniqueArgumentNames(events);
        v.uniqueDirectivesPerLocation(events);
        v.uniqueFragmentNames(events);
        v.uniqueInputFieldNames(events);
        v.uniqueOperationNames(events);
        v.uniqueVariableNames(events);
        v.valuesOfCorrectType(events);
        v.variablesAreInputTypes(events);
        v.variablesInAllowedPosition(events);
        try {
            new Walker(schema, doc, events).walk();
        } catch (NullPointerException e) {
            // a query AST given as an object may lack parts the parser always fills in; gqlparser would panic
            throw new GraphqlException("malformed GraphQL query AST");
        }
        return v.errors;
    }

    void addError(String message, Position pos) {
        if (pos == null) {
            errors.add(new GraphqlException.Located(message, null, 0, 0, false));
        } else {
            errors.add(new GraphqlException.Located(message, GraphqlException.sourceName(pos), pos.line(),
                    pos.column(), true));
        }
    }

    // ------------------------------------------------------------------ the rules

    private void fieldsOnCorrectType(Events events) {
        events.field.add((walker, field) -> {
            if (field.objectDefinition == null || field.definition != null) {
                return;
            }
            String message = "Cannot query field \"" + field.name + "\" on type \"" + field.objectDefinition.name
                    + "\".";
            List<String> typeNames = suggestedTypeNames(walker, field.objectDefinition, field.name);
            if (!typeNames.isEmpty()) {
                message += " Did you mean to use an inline fragment on " + Suggestions.quotedOrList(typeNames) + "?";
            } else {
                List<String> fieldNames = suggestedFieldNames(field.objectDefinition, field.name);
                if (!fieldNames.isEmpty()) {
                    message += " Did you mean " + Suggestions.quotedOrList(fieldNames) + "?";
                }
            }
            addError(message, field.position);
        });
    }

    // implementations of an abstract type (and the interfaces they implement) that have the field, interfaces first
    private static List<String> suggestedTypeNames(Walker walker, Definition parent, String name) {
        if (!parent.isAbstractType()) {
            return List.of();
        }
        List<String> objectTypes = new ArrayList<>();
        List<String> interfaceTypes = new ArrayList<>();
        Map<String, Integer> interfaceUsage = new HashMap<>();
        for (Definition possible : walker.schema.possibleTypes(parent)) {
            if (possible.field(name) == null) {
                continue;
            }
            objectTypes.add(possible.name);
            for (String possibleInterface : possible.interfaces) {
                Definition iface = walker.schema.type(possibleInterface);
                if (iface != null && iface.field(name) != null) {
                    if (interfaceUsage.getOrDefault(possibleInterface, 0) == 0) {
                        interfaceTypes.add(possibleInterface);
                    }
                    interfaceUsage.merge(possibleInterface, 1, Integer::sum);
                }
            }
        }
        List<String> suggested = new ArrayList<>(interfaceTypes);
        suggested.addAll(objectTypes);
        suggested.sort(Comparator.<String>comparingInt(t -> -interfaceUsage.getOrDefault(t, 0))
                .thenComparing(Comparator.naturalOrder()));
        return suggested;
    }

    private static List<String> suggestedFieldNames(Definition parent, String name) {
        if (!parent.kind.equals(Ast.OBJECT) && !parent.kind.equals(Ast.INTERFACE)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FieldDefinition f : parent.fields) {
            names.add(f.name);
        }
        return Suggestions.list(name, names);
    }

    private void fragmentsOnCompositeTypes(Events events) {
        events.inlineFragment.add((walker, inline) -> {
            Definition fragmentType = walker.schema.type(inline.typeCondition);
            if (fragmentType == null || fragmentType.isCompositeType()) {
                return;
            }
            addError("Fragment cannot condition on non composite type \"" + inline.typeCondition + "\".",
                    inline.position);
        });
        events.fragment.add((walker, fragment) -> {
            if (fragment.definition == null || fragment.typeCondition.isEmpty()
                    || fragment.definition.isCompositeType()) {
                return;
            }
            addError("Fragment \"" + fragment.name + "\" cannot condition on non composite type \""
                    + fragment.typeCondition + "\".", fragment.position);
        });
    }

    private void knownArgumentNames(Events events) {
        // a field is only valid if all supplied arguments are defined by that field
        events.field.add((walker, field) -> {
            if (field.definition == null || field.objectDefinition == null) {
                return;
            }
            for (Argument arg : field.arguments) {
                if (field.definition.argument(arg.name) != null) {
                    continue;
                }
                List<String> suggestions = new ArrayList<>();
                for (ArgumentDefinition argDef : field.definition.arguments) {
                    suggestions.add(argDef.name);
                }
                addError("Unknown argument \"" + arg.name + "\" on field \"" + field.objectDefinition.name + "."
                        + field.name + "\"." + suggestListQuoted("Did you mean", arg.name, suggestions),
                        field.position);
            }
        });
        events.directive.add((walker, directive) -> {
            if (directive.definition == null) {
                return;
            }
            for (Argument arg : directive.arguments) {
                if (directive.definition.argument(arg.name) != null) {
                    continue;
                }
                List<String> suggestions = new ArrayList<>();
                for (ArgumentDefinition argDef : directive.definition.arguments) {
                    suggestions.add(argDef.name);
                }
                addError("Unknown argument \"" + arg.name + "\" on directive \"@" + directive.name + "\"."
                        + suggestListQuoted("Did you mean", arg.name, suggestions), directive.position);
            }
        });
    }

    private static String suggestListQuoted(String prefix, String typed, List<String> options) {
        List<String> suggested = Suggestions.list(typed, options);
        return suggested.isEmpty() ? "" : " " + prefix + " " + Suggestions.quotedOrList(suggested) + "?";
    }

    private static String suggestListUnquoted(String prefix, String typed, List<String> options) {
        List<String> suggested = Suggestions.list(typed, options);
        return suggested.isEmpty() ? "" : " " + prefix + " " + Suggestions.orList(suggested) + "?";
    }

    private void knownDirectives(Events events) {
        Set<String> seen = new HashSet<>();
        events.directive.add((walker, directive) -> {
            if (directive.definition == null) {
                addError("Unknown directive \"@" + directive.name + "\".", directive.position);
                return;
            }
            if (directive.definition.locations.contains(directive.location)) {
                return;
            }
            Position p = directive.position;
            String key = directive.name + ":" + (p == null ? 0 : p.line()) + ":" + (p == null ? 0 : p.column());
            if (seen.add(key)) {
                addError("Directive \"@" + directive.name + "\" may not be used on " + directive.location + ".",
                        directive.position);
            }
        });
    }

    private void knownFragmentNames(Events events) {
        events.fragmentSpread.add((walker, spread) -> {
            if (spread.definition == null) {
                addError("Unknown fragment \"" + spread.name + "\".", spread.position);
            }
        });
    }

    private void knownRootType(Events events) {
        // a query's root must be a valid type; surprisingly, this is not checked anywhere else
        events.operation.add((walker, operation) -> {
            switch (operation.operation) {
                case "query", "", "mutation", "subscription" -> {
                }
                // gqlparser panics here; the parser never produces it, only an AST given as an object can
                default -> throw new GraphqlException("got unknown operation type \"" + operation.operation + "\"");
            }
            if (walker.schema.root(operation.operation) == null) {
                addError("Schema does not support operation type \"" + operation.operation + "\"",
                        operation.position);
            }
        });
    }

    private void knownTypeNames(Events events) {
        events.variable.add((walker, variable) -> {
            String typeName = variable.type.name();
            if (walker.schema.type(typeName) == null) {
                addError("Unknown type \"" + typeName + "\".", variable.position);
            }
        });
        events.inlineFragment.add((walker, inline) -> {
            if (inline.typeCondition.isEmpty() || walker.schema.type(inline.typeCondition) != null) {
                return;
            }
            addError("Unknown type \"" + inline.typeCondition + "\".", inline.position);
        });
        events.fragment.add((walker, fragment) -> {
            String typeName = fragment.typeCondition;
            if (walker.schema.type(typeName) != null) {
                return;
            }
            List<String> possibleTypes = new ArrayList<>();
            for (Definition t : walker.schema.types.values()) {
                possibleTypes.add(t.name);
            }
            addError("Unknown type \"" + typeName + "\"." + suggestListQuoted("Did you mean", typeName, possibleTypes),
                    fragment.position);
        });
    }

    private void loneAnonymousOperation(Events events) {
        events.operation.add((walker, operation) -> {
            if (operation.name.isEmpty() && walker.document.operations.size() > 1) {
                addError("This anonymous operation must be the only defined operation.", operation.position);
            }
        });
    }

    private void noFragmentCycles(Events events) {
        Set<String> visitedFrags = new HashSet<>();
        events.fragment.add((walker, fragment) -> {
            List<FragmentSpread> spreadPath = new ArrayList<>();
            Map<String, Integer> spreadPathIndexByName = new HashMap<>();
            detectCycles(walker, fragment, visitedFrags, spreadPath, spreadPathIndexByName);
        });
    }

    private void detectCycles(Walker walker, FragmentDefinition fragment, Set<String> visitedFrags,
            List<FragmentSpread> spreadPath, Map<String, Integer> spreadPathIndexByName) {
        if (!visitedFrags.add(fragment.name)) {
            return;
        }
        List<FragmentSpread> spreadNodes = fragmentSpreads(fragment.selectionSet);
        if (spreadNodes.isEmpty()) {
            return;
        }
        spreadPathIndexByName.put(fragment.name, spreadPath.size());
        for (FragmentSpread spreadNode : spreadNodes) {
            String spreadName = spreadNode.name;
            Integer cycleIndex = spreadPathIndexByName.get(spreadName);
            spreadPath.add(spreadNode);
            if (cycleIndex == null) {
                FragmentDefinition spreadFragment = walker.document.fragment(spreadName);
                if (spreadFragment != null) {
                    detectCycles(walker, spreadFragment, visitedFrags, spreadPath, spreadPathIndexByName);
                }
            } else {
                List<String> names = new ArrayList<>();
                for (FragmentSpread fs : spreadPath.subList(cycleIndex, spreadPath.size() - 1)) {
                    names.add("\"" + fs.name + "\"");
                }
                String via = names.isEmpty() ? "" : " via " + String.join(", ", names);
                addError("Cannot spread fragment \"" + spreadName + "\" within itself" + via + ".",
                        spreadNode.position);
            }
            spreadPath.remove(spreadPath.size() - 1);
        }
        spreadPathIndexByName.remove(fragment.name);
    }

    // the spreads of a selection set, without entering them; gqlparser visits nested sets last-in first-out
    private static List<FragmentSpread> fragmentSpreads(List<Selection> node) {
        List<FragmentSpread> spreads = new ArrayList<>();
        List<List<Selection>> setsToVisit = new ArrayList<>();
        setsToVisit.add(node);
        while (!setsToVisit.isEmpty()) {
            List<Selection> set = setsToVisit.remove(setsToVisit.size() - 1);
            for (Selection selection : set) {
                if (selection instanceof FragmentSpread fs) {
                    spreads.add(fs);
                } else if (selection instanceof Field f) {
                    setsToVisit.add(f.selectionSet);
                } else if (selection instanceof InlineFragment i) {
                    setsToVisit.add(i.selectionSet);
                }
            }
        }
        return spreads;
    }

    private void noUndefinedVariables(Events events) {
        events.value.add((walker, value) -> {
            if (walker.currentOperation == null || !value.is(ValueKind.VARIABLE) || value.variableDefinition != null) {
                return;
            }
            if (!walker.currentOperation.name.isEmpty()) {
                addError("Variable \"" + value + "\" is not defined by operation \"" + walker.currentOperation.name
                        + "\".", value.position);
            } else {
                addError("Variable \"" + value + "\" is not defined.", value.position);
            }
        });
    }

    private void noUnusedFragments(Events events) {
        boolean[] inFragmentDefinition = {false};
        Set<String> fragmentNameUsed = new HashSet<>();
        events.fragmentSpread.add((walker, spread) -> {
            if (!inFragmentDefinition[0]) {
                fragmentNameUsed.add(spread.name);
            }
        });
        events.fragment.add((walker, fragment) -> {
            inFragmentDefinition[0] = true;
            if (!fragmentNameUsed.contains(fragment.name)) {
                addError("Fragment \"" + fragment.name + "\" is never used.", fragment.position);
            }
        });
    }

    private void noUnusedVariables(Events events) {
        events.operation.add((walker, operation) -> {
            for (VariableDefinition varDef : operation.variableDefinitions) {
                if (varDef.used) {
                    continue;
                }
                if (!operation.name.isEmpty()) {
                    addError("Variable \"$" + varDef.variable + "\" is never used in operation \"" + operation.name
                            + "\".", varDef.position);
                } else {
                    addError("Variable \"$" + varDef.variable + "\" is never used.", varDef.position);
                }
            }
        });
    }

    private void possibleFragmentSpreads(Events events) {
        events.inlineFragment.add((walker, inline) -> {
            if (!spreadPossible(walker, inline.objectDefinition, inline.typeCondition)) {
                addError("Fragment cannot be spread here as objects of type \"" + inline.objectDefinition.name
                        + "\" can never be of type \"" + inline.typeCondition + "\".", inline.position);
            }
        });
        events.fragmentSpread.add((walker, spread) -> {
            if (spread.definition == null) {
                return;
            }
            if (!spreadPossible(walker, spread.objectDefinition, spread.definition.typeCondition)) {
                addError("Fragment \"" + spread.name + "\" cannot be spread here as objects of type \""
                        + spread.objectDefinition.name + "\" can never be of type \""
                        + spread.definition.typeCondition + "\".", spread.position);
            }
        });
    }

    // false only when the fragment's possible types and the parent's share nothing
    private static boolean spreadPossible(Walker walker, Definition parentDef, String fragmentName) {
        if (parentDef == null) {
            return true;
        }
        List<Definition> parentDefs;
        switch (parentDef.kind) {
            case Ast.OBJECT -> parentDefs = List.of(parentDef);
            case Ast.INTERFACE, Ast.UNION -> parentDefs = walker.schema.possibleTypes(parentDef);
            default -> {
                return true;
            }
        }
        Definition fragmentDefType = walker.schema.type(fragmentName);
        if (fragmentDefType == null || !fragmentDefType.isCompositeType()) {
            return true; // the latter is checked by FragmentsOnCompositeTypes
        }
        for (Definition fragmentDef : walker.schema.possibleTypes(fragmentDefType)) {
            for (Definition p : parentDefs) {
                if (p.name.equals(fragmentDef.name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void providedRequiredArguments(Events events) {
        events.field.add((walker, field) -> {
            if (field.definition == null) {
                return;
            }
            for (ArgumentDefinition argDef : field.definition.arguments) {
                if (!argDef.type.nonNull || argDef.defaultValue != null || hasArgument(field.arguments, argDef.name)) {
                    continue;
                }
                addError("Field \"" + field.name + "\" argument \"" + argDef.name + "\" of type \"" + argDef.type
                        + "\" is required, but it was not provided.", field.position);
            }
        });
        events.directive.add((walker, directive) -> {
            if (directive.definition == null) {
                return;
            }
            for (ArgumentDefinition argDef : directive.definition.arguments) {
                if (!argDef.type.nonNull || argDef.defaultValue != null
                        || hasArgument(directive.arguments, argDef.name)) {
                    continue;
                }
                addError("Directive \"@" + directive.definition.name + "\" argument \"" + argDef.name + "\" of type \""
                        + argDef.type + "\" is required, but it was not provided.", directive.position);
            }
        });
    }

    private static boolean hasArgument(List<Argument> args, String name) {
        for (Argument a : args) {
            if (a.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void scalarLeafs(Events events) {
        events.field.add((walker, field) -> {
            if (field.definition == null) {
                return;
            }
            Definition fieldType = walker.schema.type(field.definition.type.name());
            if (fieldType == null) {
                return;
            }
            if (fieldType.isLeafType() && !field.selectionSet.isEmpty()) {
                addError("Field \"" + field.name + "\" must not have a selection since type \"" + fieldType.name
                        + "\" has no subfields.", field.position);
            }
            if (!fieldType.isLeafType() && field.selectionSet.isEmpty()) {
                addError("Field \"" + field.name + "\" of type \"" + field.definition.type
                        + "\" must have a selection of subfields. Did you mean \"" + field.name + " { ... }\"?",
                        field.position);
            }
        });
    }

    private void singleFieldSubscriptions(Events events) {
        events.operation.add((walker, operation) -> {
            if (walker.schema.subscription == null || !operation.operation.equals("subscription")) {
                return;
            }
            List<Field> fields = topFields(operation.selectionSet);
            String name = operation.name.isEmpty() ? "Anonymous Subscription"
                    : "Subscription " + GoFormat.quote(operation.name, false);
            if (fields.size() > 1) {
                addError(name + " must select only one top level field.", fields.get(1).position);
            }
            for (Field f : fields) {
                if (f.name.startsWith("__")) {
                    addError(name + " must not select an introspection top level field.", f.position);
                }
            }
        });
    }

    // top-level fields through fragments, the first of each name only
    private static List<Field> topFields(List<Selection> selectionSet) {
        List<Field> fields = new ArrayList<>();
        collectTopFields(selectionSet, fields, new HashSet<>());
        Set<String> seen = new HashSet<>();
        List<Field> unique = new ArrayList<>();
        for (Field f : fields) {
            if (seen.add(f.name)) {
                unique.add(f);
            }
        }
        return unique;
    }

    private static void collectTopFields(List<Selection> set, List<Field> fields, Set<String> inFragment) {
        for (Selection selection : set) {
            if (selection instanceof Field f) {
                fields.add(f);
            } else if (selection instanceof InlineFragment i) {
                collectTopFields(i.selectionSet, fields, inFragment);
            } else if (selection instanceof FragmentSpread fs) {
                if (fs.definition == null) {
                    return; // as gqlparser: an unknown fragment ends this selection set
                }
                if (inFragment.add(fs.definition.name)) {
                    collectTopFields(fs.definition.selectionSet, fields, inFragment);
                }
            }
        }
    }

    private void uniqueArgumentNames(Events events) {
        events.field.add((walker, field) -> checkUniqueArgs(field.arguments));
        events.directive.add((walker, directive) -> checkUniqueArgs(directive.arguments));
    }

    private void checkUniqueArgs(List<Argument> args) {
        Map<String, Integer> known = new HashMap<>();
        for (Argument arg : args) {
            if (known.getOrDefault(arg.name, 0) == 1) {
                addError("There can be only one argument named \"" + arg.name + "\".", arg.position);
            }
            known.merge(arg.name, 1, Integer::sum);
        }
    }

    private void uniqueDirectivesPerLocation(Events events) {
        events.directiveList.add((walker, directives) -> {
            Set<String> seen = new HashSet<>();
            for (Directive dir : directives) {
                if (!dir.name.equals("repeatable") && seen.contains(dir.name)) {
                    addError("The directive \"@" + dir.name + "\" can only be used once at this location.",
                            dir.position);
                }
                seen.add(dir.name);
            }
        });
    }

    private void uniqueFragmentNames(Events events) {
        Set<String> seen = new HashSet<>();
        events.fragment.add((walker, fragment) -> {
            if (!seen.add(fragment.name)) {
                addError("There can be only one fragment named \"" + fragment.name + "\".", fragment.position);
            }
        });
    }

    private void uniqueInputFieldNames(Events events) {
        events.value.add((walker, value) -> {
            if (!value.is(ValueKind.OBJECT)) {
                return;
            }
            Set<String> seen = new HashSet<>();
            for (ChildValue field : value.children) {
                if (!seen.add(field.name)) {
                    addError("There can be only one input field named \"" + field.name + "\".", field.position);
                }
            }
        });
    }

    private void uniqueOperationNames(Events events) {
        Set<String> seen = new HashSet<>();
        events.operation.add((walker, operation) -> {
            if (!seen.add(operation.name)) {
                addError("There can be only one operation named \"" + operation.name + "\".", operation.position);
            }
        });
    }

    private void uniqueVariableNames(Events events) {
        events.operation.add((walker, operation) -> {
            Map<String, Integer> seen = new HashMap<>();
            for (VariableDefinition def : operation.variableDefinitions) {
                // the same error only once per variable
                if (seen.getOrDefault(def.variable, 0) == 1) {
                    addError("There can be only one variable named \"$" + def.variable + "\".", def.position);
                }
                seen.merge(def.variable, 1, Integer::sum);
            }
        });
    }

    private void valuesOfCorrectType(Events events) {
        events.value.add((walker, value) -> {
            if (value.definition == null || value.expectedType == null) {
                return;
            }
            if (value.is(ValueKind.NULL) && value.expectedType.nonNull) {
                addError("Expected value of type \"" + value.expectedType + "\", found " + value + ".",
                        value.position);
            }
            if (value.definition.kind.equals(Ast.SCALAR)
                    && !value.definition.oneOf("Int", "Float", "String", "Boolean", "ID")) {
                return; // custom scalars validate themselves
            }
            List<String> possibleEnums = new ArrayList<>();
            if (value.definition.kind.equals(Ast.ENUM)) {
                for (Ast.EnumValueDefinition v : value.definition.enumValues) {
                    possibleEnums.add(v.name);
                }
            }
            boolean valueOk = literalValueOk(value, 0);
            if (!valueOk) {
                addError(unexpectedTypeMessage(value), value.position);
            }
            ValueKind kind = kindOf(value);
            switch (kind) {
                case NULL, VARIABLE -> {
                }
                case LIST -> {
                    if (value.expectedType.elem == null) {
                        addError(unexpectedTypeMessage(value), value.position);
                    }
                }
                case INT -> {
                    if (!value.definition.oneOf("Int", "Float", "ID")) {
                        addError(unexpectedTypeMessage(value), value.position);
                    }
                }
                case FLOAT -> {
                    if (!value.definition.oneOf("Float")) {
                        addError(unexpectedTypeMessage(value), value.position);
                    }
                }
                case STRING, BLOCK -> {
                    if (value.definition.kind.equals(Ast.ENUM)) {
                        addError("Enum \"" + value.expectedType + "\" cannot represent non-enum value: " + value + "."
                                + suggestListQuoted("Did you mean the enum value", value.raw, possibleEnums),
                                value.position);
                    } else if (!value.definition.oneOf("String", "ID")) {
                        addError(unexpectedTypeMessage(value), value.position);
                    }
                }
                case ENUM -> {
                    if (!value.definition.kind.equals(Ast.ENUM)) {
                        addError(unexpectedTypeMessage(value)
                                + suggestListUnquoted("Did you mean the enum value", value.raw, possibleEnums),
                                value.position);
                    } else if (value.definition.enumValue(value.raw) == null) {
                        addError("Value \"" + value + "\" does not exist in \"" + value.expectedType + "\" enum."
                                + suggestListQuoted("Did you mean the enum value", value.raw, possibleEnums),
                                value.position);
                    }
                }
                case BOOLEAN -> {
                    if (!value.definition.oneOf("Boolean")) {
                        addError(unexpectedTypeMessage(value), value.position);
                    }
                }
                case OBJECT -> {
                    for (FieldDefinition field : value.definition.fields) {
                        if (field.type.nonNull && value.child(field.name) == null && field.defaultValue == null) {
                            addError("Field \"" + value.definition.name + "." + field.name + "\" of required type \""
                                    + field.type + "\" was not provided.", value.position);
                        }
                    }
                    for (ChildValue fieldValue : value.children) {
                        if (value.definition.field(fieldValue.name) == null) {
                            List<String> suggestions = new ArrayList<>();
                            for (FieldDefinition f : value.definition.fields) {
                                suggestions.add(f.name);
                            }
                            addError("Field \"" + fieldValue.name + "\" is not defined by type \""
                                    + value.definition.name + "\"."
                                    + suggestListQuoted("Did you mean", fieldValue.name, suggestions),
                                    fieldValue.position);
                        }
                    }
                }
            }
        });
    }

    private static ValueKind kindOf(Value value) {
        if (value.kind < 0 || value.kind > ValueKind.OBJECT.ordinal()) {
            throw new GraphqlException("unknown value kind " + value.kind); // gqlparser panics
        }
        return ValueKind.values()[(int) value.kind];
    }

    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|inf|infinity|nan)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> GO_BOOLS = Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE",
            "false", "False");

    /** Whether gqlparser's {@code Value.Value(nil)} converts the literal without error (Go's strconv rules). */
    private static boolean literalValueOk(Value v, int depth) {
        if (v == null) {
            return true;
        }
        switch (kindOf(v)) {
            case VARIABLE:
                if (v.variableDefinition != null && v.variableDefinition.defaultValue != null && depth < 1000) {
                    return literalValueOk(v.variableDefinition.defaultValue, depth + 1);
                }
                return true;
            case INT:
                return isGoInt(v.raw) && fitsBits(v.raw, 64);
            case FLOAT:
                if (!GO_FLOAT.matcher(v.raw).matches()) {
                    return false;
                }
                String f = v.raw.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
                return f.startsWith("inf") || f.equals("nan") || !Double.isInfinite(Double.parseDouble(v.raw));
            case BOOLEAN:
                return GO_BOOLS.contains(v.raw);
            case LIST:
            case OBJECT:
                for (ChildValue c : v.children) {
                    if (!literalValueOk(c.value, depth + 1)) {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }

    /** Decimal integer syntax as strconv.ParseInt takes it: an optional sign, then digits. */
    private static boolean isGoInt(String s) {
        int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean fitsBits(String digits, int bits) {
        if (digits.length() < 10) {
            return true; // at most nine digits fits 32 bits and more
        }
        BigInteger n = new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits);
        return n.bitLength() < bits;
    }

    private static String unexpectedTypeMessage(Value v) {
        switch (v.expectedType.toString()) {
            case "Int", "Int!" -> {
                if (isGoInt(v.raw) && !fitsBits(v.raw, 32)) {
                    return "Int cannot represent non 32-bit signed integer value: " + v;
                }
                return "Int cannot represent non-integer value: " + v;
            }
            case "String", "String!", "[String]" -> {
                return "String cannot represent a non string value: " + v;
            }
            case "Boolean", "Boolean!" -> {
                return "Boolean cannot represent a non boolean value: " + v;
            }
            case "Float", "Float!" -> {
                return "Float cannot represent non numeric value: " + v;
            }
            case "ID", "ID!" -> {
                return "ID cannot represent a non-string and non-integer value: " + v;
            }
            default -> {
                if (v.definition.kind.equals(Ast.ENUM)) {
                    return "Enum \"" + v.expectedType + "\" cannot represent non-enum value: " + v + ".";
                }
                return "Expected value of type \"" + v.expectedType + "\", found " + v + ".";
            }
        }
    }

    private void variablesAreInputTypes(Events events) {
        events.operation.add((walker, operation) -> {
            for (VariableDefinition def : operation.variableDefinitions) {
                if (def.definition != null && !def.definition.isInputType()) {
                    addError("Variable \"$" + def.variable + "\" cannot be non-input type \"" + def.type + "\".",
                            def.position);
                }
            }
        });
    }

    private void variablesInAllowedPosition(Events events) {
        events.value.add((walker, value) -> {
            if (!value.is(ValueKind.VARIABLE) || value.expectedType == null || value.variableDefinition == null
                    || walker.currentOperation == null) {
                return;
            }
            Type tmp = new Type();
            tmp.namedType = value.expectedType.namedType;
            tmp.elem = value.expectedType.elem;
            tmp.nonNull = value.expectedType.nonNull;
            tmp.position = value.expectedType.position;
            // a variable with a default may stand where a non-null type is expected, and so may any variable
            // where the argument itself has a default
            Value dflt = value.variableDefinition.defaultValue;
            if (dflt != null && !dflt.is(ValueKind.NULL) && value.expectedType.nonNull) {
                tmp.nonNull = false;
            }
            if (value.expectedTypeHasDefault) {
                tmp.nonNull = false;
            }
            if (!value.variableDefinition.type.isCompatible(tmp)) {
                addError("Variable \"" + value + "\" of type \"" + value.variableDefinition.type
                        + "\" used in position expecting type \"" + value.expectedType + "\".", value.position);
            }
        });
    }
}
