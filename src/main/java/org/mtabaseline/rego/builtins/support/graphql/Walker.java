package org.mtabaseline.rego.builtins.support.graphql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Argument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ArgumentDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ChildValue;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Definition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Directive;
import org.mtabaseline.rego.builtins.support.graphql.Ast.DirectiveDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Field;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FieldDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FragmentDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FragmentSpread;
import org.mtabaseline.rego.builtins.support.graphql.Ast.InlineFragment;
import org.mtabaseline.rego.builtins.support.graphql.Ast.OperationDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.QueryDocument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Selection;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Type;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Value;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ValueKind;
import org.mtabaseline.rego.builtins.support.graphql.Ast.VariableDefinition;

/**
 * gqlparser's validation walker: visits a query document against a schema, links every node to its definition
 * ({@code Definition}, {@code ExpectedType}, {@code Used}, ...) and tells the rules' observers about each node.
 */
final class Walker {
    /** Observers the rules register, called in registration order. */
    static final class Events {
        final List<BiConsumer<Walker, OperationDefinition>> operation = new ArrayList<>();
        final List<BiConsumer<Walker, Field>> field = new ArrayList<>();
        final List<BiConsumer<Walker, FragmentDefinition>> fragment = new ArrayList<>();
        final List<BiConsumer<Walker, InlineFragment>> inlineFragment = new ArrayList<>();
        final List<BiConsumer<Walker, FragmentSpread>> fragmentSpread = new ArrayList<>();
        final List<BiConsumer<Walker, Directive>> directive = new ArrayList<>();
        final List<BiConsumer<Walker, List<Directive>>> directiveList = new ArrayList<>();
        final List<BiConsumer<Walker, Value>> value = new ArrayList<>();
        final List<BiConsumer<Walker, VariableDefinition>> variable = new ArrayList<>();
    }

    final Schema schema;
    final QueryDocument document;
    private final Events observers;
    private Set<String> validatedFragmentSpreads;
    OperationDefinition currentOperation;

    Walker(Schema schema, QueryDocument document, Events observers) {
        this.schema = schema;
        this.document = document;
        this.observers = observers;
    }

    void walk() {
        for (OperationDefinition op : document.operations) {
            validatedFragmentSpreads = new HashSet<>();
            walkOperation(op);
        }
        for (FragmentDefinition f : document.fragments) {
            validatedFragmentSpreads = new HashSet<>();
            walkFragment(f);
        }
    }

    private static <T> void notify(List<BiConsumer<Walker, T>> list, Walker w, T node) {
        for (BiConsumer<Walker, T> o : list) {
            o.accept(w, node);
        }
    }

    private void walkOperation(OperationDefinition operation) {
        currentOperation = operation;
        for (VariableDefinition varDef : operation.variableDefinitions) {
            varDef.definition = schema.type(varDef.type.name());
            notify(observers.variable, this, varDef);
            if (varDef.defaultValue != null) {
                varDef.defaultValue.expectedType = varDef.type;
                varDef.defaultValue.definition = schema.type(varDef.type.name());
            }
        }
        Definition def = schema.root(operation.operation);
        String loc = switch (operation.operation) {
            case "query", "" -> "QUERY";
            case "mutation" -> "MUTATION";
            case "subscription" -> "SUBSCRIPTION";
            default -> "";
        };
        for (VariableDefinition varDef : operation.variableDefinitions) {
            if (varDef.defaultValue != null) {
                walkValue(varDef.defaultValue);
            }
            walkDirectives(varDef.definition, varDef.directives, "VARIABLE_DEFINITION");
        }
        walkDirectives(def, operation.directives, loc);
        walkSelectionSet(def, operation.selectionSet);
        notify(observers.operation, this, operation);
        currentOperation = null;
    }

    private void walkFragment(FragmentDefinition it) {
        Definition def = schema.type(it.typeCondition);
        it.definition = def;
        walkDirectives(def, it.directives, "FRAGMENT_DEFINITION");
        walkSelectionSet(def, it.selectionSet);
        notify(observers.fragment, this, it);
    }

    private void walkDirectives(Definition parentDef, List<Directive> directives, String location) {
        for (Directive dir : directives) {
            DirectiveDefinition def = schema.directives.get(dir.name);
            dir.definition = def;
            dir.parentDefinition = parentDef;
            dir.location = location;
            for (Argument arg : dir.arguments) {
                walkArgument(def == null ? null : def.argument(arg.name), arg);
            }
            notify(observers.directive, this, dir);
        }
        notify(observers.directiveList, this, directives);
    }

    private void walkValue(Value value) {
        if (value.is(ValueKind.VARIABLE) && currentOperation != null) {
            value.variableDefinition = currentOperation.variable(value.raw);
            if (value.variableDefinition != null) {
                value.variableDefinition.used = true;
            }
        }
        if (value.is(ValueKind.OBJECT)) {
            for (ChildValue child : value.children) {
                if (value.definition != null) {
                    FieldDefinition fieldDef = value.definition.field(child.name);
                    if (fieldDef != null) {
                        child.value.expectedType = fieldDef.type;
                        child.value.definition = schema.type(fieldDef.type.name());
                    }
                }
                walkValue(child.value);
            }
        }
        if (value.is(ValueKind.LIST)) {
            for (ChildValue child : value.children) {
                if (value.expectedType != null && value.expectedType.elem != null) {
                    child.value.expectedType = value.expectedType.elem;
                    child.value.definition = value.definition;
                }
                walkValue(child.value);
            }
        }
        notify(observers.value, this, value);
    }

    private void walkArgument(ArgumentDefinition argDef, Argument arg) {
        if (argDef != null) {
            arg.value.expectedType = argDef.type;
            arg.value.expectedTypeHasDefault = argDef.defaultValue != null && !argDef.defaultValue.is(ValueKind.NULL);
            arg.value.definition = schema.type(argDef.type.name());
        }
        walkValue(arg.value);
    }

    private void walkSelectionSet(Definition parentDef, List<Selection> set) {
        for (Selection s : set) {
            walkSelection(parentDef, s);
        }
    }

    private void walkSelection(Definition parentDef, Selection selection) {
        if (selection instanceof Field it) {
            FieldDefinition def = null;
            if (it.name.equals("__typename")) {
                def = new FieldDefinition();
                def.name = "__typename";
                def.type = Type.named("String", false);
            } else if (parentDef != null) {
                def = parentDef.field(it.name);
            }
            it.definition = def;
            it.objectDefinition = parentDef;
            Definition nextParentDef = def == null ? null : schema.type(def.type.name());
            for (Argument arg : it.arguments) {
                walkArgument(def == null ? null : def.argument(arg.name), arg);
            }
            walkDirectives(nextParentDef, it.directives, "FIELD");
            walkSelectionSet(nextParentDef, it.selectionSet);
            notify(observers.field, this, it);
        } else if (selection instanceof InlineFragment it) {
            it.objectDefinition = parentDef;
            Definition nextParentDef = parentDef;
            if (!it.typeCondition.isEmpty()) {
                nextParentDef = schema.type(it.typeCondition);
            }
            walkDirectives(nextParentDef, it.directives, "INLINE_FRAGMENT");
            walkSelectionSet(nextParentDef, it.selectionSet);
            notify(observers.inlineFragment, this, it);
        } else if (selection instanceof FragmentSpread it) {
            FragmentDefinition def = document.fragment(it.name);
            it.definition = def;
            it.objectDefinition = parentDef;
            Definition nextParentDef = def == null ? null : schema.type(def.typeCondition);
            walkDirectives(nextParentDef, it.directives, "FRAGMENT_SPREAD");
            if (def != null && validatedFragmentSpreads.add(def.name)) {
                // each fragment once per operation: this also stops cycles
                walkSelectionSet(nextParentDef, def.selectionSet);
            }
            notify(observers.fragmentSpread, this, it);
        }
    }
}
