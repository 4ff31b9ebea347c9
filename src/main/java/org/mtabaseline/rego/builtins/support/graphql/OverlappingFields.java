package org.mtabaseline.rego.builtins.support.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Argument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Definition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Field;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FragmentSpread;
import org.mtabaseline.rego.builtins.support.graphql.Ast.InlineFragment;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Position;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Selection;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Type;

/**
 * gqlparser's OverlappingFieldsCanBeMerged rule (after graphql-js): fields that give the same response name must
 * be the same field with the same arguments and compatible types, checked within each selection set and between
 * the fragments it spreads. The comparison state is shared across calls exactly as in the original.
 */
final class OverlappingFields {
    private final BiConsumer<String, Position> addError;
    private Walker walker;
    // per walker: fragment pairs already compared, with whether they were compared as mutually exclusive
    private final Map<String, Map<String, Boolean>> comparedFragmentPairs = new HashMap<>();
    // per selection set
    private Set<String> comparedFragments = new HashSet<>();

    OverlappingFields(BiConsumer<String, Position> addError) {
        this.addError = addError;
    }

    void register(Walker.Events events) {
        events.operation.add((w, operation) -> report(w, operation.selectionSet));
        events.field.add((w, field) -> {
            // fields of fragments are checked where the fragment is defined, not again from each operation
            if (w.currentOperation != null) {
                report(w, field.selectionSet);
            }
        });
        events.inlineFragment.add((w, inline) -> report(w, inline.selectionSet));
        events.fragment.add((w, fragment) -> report(w, fragment.selectionSet));
    }

    private void report(Walker w, List<Selection> selectionSet) {
        walker = w;
        for (Conflict c : findConflictsWithinSelectionSet(selectionSet)) {
            StringBuilder b = new StringBuilder();
            c.describe(b);
            addError.accept("Fields \"" + c.responseName + "\" conflict because " + b
                    + ". Use different aliases on the fields to fetch both if this was intentional.", c.position);
        }
    }

    private static final class Conflict {
        String message;
        String responseName;
        List<Conflict> subMessages = List.of();
        Position position;

        void describe(StringBuilder b) {
            if (subMessages.isEmpty()) {
                b.append(message);
                return;
            }
            for (int i = 0; i < subMessages.size(); i++) {
                Conflict sub = subMessages.get(i);
                b.append("subfields \"").append(sub.responseName).append("\" conflict because ");
                sub.describe(b);
                if (i != subMessages.size() - 1) {
                    b.append(" and ");
                }
            }
        }
    }

    /** Fields by response name in first-seen order, and the fragment spreads, of one selection set. */
    private record Collected(LinkedHashMap<String, List<Field>> fields, List<FragmentSpread> spreads) {
        boolean sameFieldsAs(Collected other) {
            // gqlparser uses reflect.DeepEqual; the same field nodes in the same order is what it detects
            if (!new ArrayList<>(fields.keySet()).equals(new ArrayList<>(other.fields.keySet()))) {
                return false;
            }
            for (Map.Entry<String, List<Field>> e : fields.entrySet()) {
                List<Field> a = e.getValue();
                List<Field> b = other.fields.get(e.getKey());
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (a.get(i) != b.get(i)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private List<Conflict> findConflictsWithinSelectionSet(List<Selection> selectionSet) {
        List<Conflict> conflicts = new ArrayList<>();
        if (selectionSet.isEmpty()) {
            return conflicts;
        }
        Collected c = collect(selectionSet);
        // (A) conflicts "within" this set: the only place fields of one set are compared with each other
        collectConflictsWithin(conflicts, c);
        comparedFragments = new HashSet<>();
        for (int i = 0; i < c.spreads.size(); i++) {
            FragmentSpread a = c.spreads.get(i);
            // (B) between these fields and each spread fragment
            collectConflictsBetweenFieldsAndFragment(conflicts, false, c, a);
            for (int j = i + 1; j < c.spreads.size(); j++) {
                // (C) between each pair of fragments spread together
                collectConflictsBetweenFragments(conflicts, false, a, c.spreads.get(j));
            }
        }
        return conflicts;
    }

    private void collectConflictsBetweenFieldsAndFragment(List<Conflict> conflicts, boolean mutuallyExclusive,
            Collected fieldsMap, FragmentSpread spread) {
        if (!comparedFragments.add(spread.name)) {
            return;
        }
        if (spread.definition == null) {
            return;
        }
        Collected b = collect(spread.definition.selectionSet);
        if (fieldsMap.sameFieldsAs(b)) {
            return; // do not compare a fragment's fields with themselves
        }
        // (D) between the fields and the fragment's fields
        collectConflictsBetween(conflicts, mutuallyExclusive, fieldsMap, b);
        // (E) and the fragments that fragment spreads
        for (FragmentSpread s : b.spreads) {
            if (s.name.equals(spread.name)) {
                continue;
            }
            collectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fieldsMap, s);
        }
    }

    private void collectConflictsBetweenFragments(List<Conflict> conflicts, boolean mutuallyExclusive,
            FragmentSpread spreadA, FragmentSpread spreadB) {
        if (spreadA.name.equals(spreadB.name)) {
            return;
        }
        if (comparedPair(spreadA, spreadB, mutuallyExclusive)) {
            return;
        }
        addPair(spreadA, spreadB, mutuallyExclusive);
        if (spreadA.definition == null || spreadB.definition == null) {
            return;
        }
        Collected a = collect(spreadA.definition.selectionSet);
        Collected b = collect(spreadB.definition.selectionSet);
        // (F) between the two fragments' fields
        collectConflictsBetween(conflicts, mutuallyExclusive, a, b);
        // (G) between each fragment and the fragments the other spreads
        for (FragmentSpread s : b.spreads) {
            collectConflictsBetweenFragments(conflicts, mutuallyExclusive, spreadA, s);
        }
        for (FragmentSpread s : a.spreads) {
            collectConflictsBetweenFragments(conflicts, mutuallyExclusive, s, spreadB);
        }
    }

    private boolean comparedPair(FragmentSpread a, FragmentSpread b, boolean mutuallyExclusive) {
        Map<String, Boolean> am = comparedFragmentPairs.get(a.name);
        if (am == null || !am.containsKey(b.name)) {
            return false;
        }
        // compared as not mutually exclusive covers both; compared as exclusive covers only exclusive
        return mutuallyExclusive || !am.get(b.name);
    }

    private void addPair(FragmentSpread a, FragmentSpread b, boolean mutuallyExclusive) {
        comparedFragmentPairs.computeIfAbsent(a.name, k -> new HashMap<>()).put(b.name, mutuallyExclusive);
        comparedFragmentPairs.computeIfAbsent(b.name, k -> new HashMap<>()).put(a.name, mutuallyExclusive);
    }

    private List<Conflict> findConflictsBetweenSubSelectionSets(boolean mutuallyExclusive, List<Selection> setA,
            List<Selection> setB) {
        if (setA.isEmpty() && setB.isEmpty()) {
            return List.of(); // the common case of two leaf fields; nothing below changes any state then
        }
        List<Conflict> conflicts = new ArrayList<>();
        Collected a = collect(setA);
        Collected b = collect(setB);
        // (H) between the two sets of fields
        collectConflictsBetween(conflicts, mutuallyExclusive, a, b);
        // (I) between each set of fields and the fragments the other spreads
        for (FragmentSpread s : b.spreads) {
            comparedFragments = new HashSet<>();
            collectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, a, s);
        }
        for (FragmentSpread s : a.spreads) {
            comparedFragments = new HashSet<>();
            collectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, b, s);
        }
        // (J) between the fragments of one and the fragments of the other
        for (FragmentSpread sa : a.spreads) {
            for (FragmentSpread sb : b.spreads) {
                collectConflictsBetweenFragments(conflicts, mutuallyExclusive, sa, sb);
            }
        }
        return conflicts;
    }

    private void collectConflictsWithin(List<Conflict> conflicts, Collected fieldsMap) {
        for (List<Field> fields : fieldsMap.fields.values()) {
            for (int i = 0; i < fields.size(); i++) {
                for (int j = i + 1; j < fields.size(); j++) {
                    Conflict c = findConflict(false, fields.get(i), fields.get(j));
                    if (c != null) {
                        conflicts.add(c);
                    }
                }
            }
        }
    }

    private void collectConflictsBetween(List<Conflict> conflicts, boolean parentsMutuallyExclusive, Collected a,
            Collected b) {
        for (Map.Entry<String, List<Field>> e : a.fields.entrySet()) {
            List<Field> fieldsB = b.fields.get(e.getKey());
            if (fieldsB == null) {
                continue;
            }
            for (Field fa : e.getValue()) {
                for (Field fb : fieldsB) {
                    Conflict c = findConflict(parentsMutuallyExclusive, fa, fb);
                    if (c != null) {
                        conflicts.add(c);
                    }
                }
            }
        }
    }

    private Conflict findConflict(boolean parentsMutuallyExclusive, Field a, Field b) {
        if (a.objectDefinition == null || b.objectDefinition == null) {
            return null;
        }
        boolean exclusive = parentsMutuallyExclusive;
        if (!exclusive) {
            exclusive = !a.objectDefinition.name.equals(b.objectDefinition.name)
                    && a.objectDefinition.kind.equals(Ast.OBJECT) && b.objectDefinition.kind.equals(Ast.OBJECT)
                    && a.definition != null && b.definition != null;
        }
        String responseName = a.alias.isEmpty() ? a.name : a.alias;
        if (!exclusive) {
            // two aliases must refer to the same field, with the same arguments
            if (!a.name.equals(b.name)) {
                return conflict(responseName, "\"" + a.name + "\" and \"" + b.name + "\" are different fields",
                        b.position);
            }
            if (!sameArguments(a.arguments, b.arguments)) {
                return conflict(responseName, "they have differing arguments", b.position);
            }
        }
        if (a.definition != null && b.definition != null && typesConflict(a.definition.type, b.definition.type)) {
            return conflict(responseName, "they return conflicting types \"" + a.definition.type + "\" and \""
                    + b.definition.type + "\"", b.position);
        }
        // sub-fields, with one "visited fragments" list for both sides so a fragment is never compared to itself
        List<Conflict> subs = findConflictsBetweenSubSelectionSets(exclusive, a.selectionSet, b.selectionSet);
        if (subs.isEmpty()) {
            return null;
        }
        Conflict c = new Conflict();
        c.responseName = responseName;
        c.subMessages = subs;
        c.position = b.position;
        return c;
    }

    private static Conflict conflict(String responseName, String message, Position position) {
        Conflict c = new Conflict();
        c.responseName = responseName;
        c.message = message;
        c.position = position;
        return c;
    }

    private static boolean sameArguments(List<Argument> args1, List<Argument> args2) {
        if (args1.size() != args2.size()) {
            return false;
        }
        for (Argument a1 : args1) {
            boolean matched = false;
            for (Argument a2 : args2) {
                if (a1.name.equals(a2.name) && a1.value.kind == a2.value.kind && a1.value.raw.equals(a2.value.raw)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private boolean typesConflict(Type t1, Type t2) {
        if (t1.elem != null) {
            return t2.elem == null || typesConflict(t1.elem, t2.elem);
        }
        if (t2.elem != null) {
            return true;
        }
        if (t1.nonNull != t2.nonNull) {
            return true;
        }
        Definition d1 = walker.schema.type(t1.namedType);
        Definition d2 = walker.schema.type(t2.namedType);
        if (d1.isLeafType() && d2.isLeafType()) {
            return !d1.name.equals(d2.name);
        }
        return false;
    }

    private static Collected collect(List<Selection> selectionSet) {
        Collected c = new Collected(new LinkedHashMap<>(), new ArrayList<>());
        collectInto(selectionSet, c);
        return c;
    }

    private static void collectInto(List<Selection> selectionSet, Collected c) {
        for (Selection s : selectionSet) {
            if (s instanceof Field f) {
                c.fields.computeIfAbsent(f.alias.isEmpty() ? f.name : f.alias, k -> new ArrayList<>()).add(f);
            } else if (s instanceof InlineFragment i) {
                collectInto(i.selectionSet, c);
            } else if (s instanceof FragmentSpread fs) {
                c.spreads.add(fs);
            }
        }
    }
}
