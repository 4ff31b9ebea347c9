package org.mtabaseline.rego.compile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.Json;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * The METADATA annotations of all modules, indexed as OPA's AnnotationSet (ast/annotations.go): rule
 * scope by rule, package scope by package path, document and subpackages scope by path. Gives the
 * values of {@code rego.metadata.rule()} and {@code rego.metadata.chain()} for a rule.
 */
public final class AnnotationSet {
    private final Map<Rule, List<Module.Annotation>> byRule = new IdentityHashMap<>();
    private final Map<List<String>, Module.Annotation> byPackage = new HashMap<>();
    private final Map<List<String>, Module.Annotation> byPath = new HashMap<>();
    private final Map<Rule, Module> moduleOf = new IdentityHashMap<>();

    /** Indexes the annotations of modules; two package (or document) annotations for one path are an error. */
    public AnnotationSet(List<Module> modules) {
        List<RegoError> errors = new ArrayList<>();
        for (Module m : modules) {
            for (Rule r : m.rules()) {
                for (Rule x = r; x != null; x = x.elseRule()) {
                    moduleOf.put(x, m);
                }
            }
            for (Module.Annotation a : m.annotations()) {
                Module.Annotation prev = null;
                switch (a.scope()) {
                    case "rule" -> byRule.computeIfAbsent(a.rule(), k -> new ArrayList<>()).add(a);
                    case "package" -> prev = byPackage.putIfAbsent(m.packagePath(), a);
                    case "document" -> prev = byPath.putIfAbsent(groundPath(m, a.rule()), a);
                    case "subpackages" -> prev = byPath.putIfAbsent(m.packagePath(), a);
                    default -> {
                    }
                }
                if (prev != null) {
                    errors.add(new RegoError("rego_type_error", a.loc().file(), a.loc().row(), a.loc().col(),
                            a.scope() + " annotation redeclared: " + prev.loc().file() + ":" + prev.loc().row()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RegoCompileException(errors);
        }
    }

    /** {@code rego.metadata.rule()}: the rule-scope annotation closest to the rule, or an empty object. */
    public Value rule(Rule r) {
        List<Module.Annotation> own = byRule.getOrDefault(r, List.of());
        if (own.isEmpty()) {
            return ObjectValue.EMPTY;
        }
        return toValue(closestFirst(own).get(0));
    }

    /**
     * {@code rego.metadata.chain()}: the rule's own entries (closest first, always at least one), then its
     * document, package and subpackages annotations, each as {@code {"path": [...], "annotations": {...}}}.
     */
    public Value chain(Rule r) {
        Module m = moduleOf.get(r);
        List<String> rulePath = groundPath(m, r);
        List<Value> out = new ArrayList<>();
        List<Module.Annotation> own = byRule.getOrDefault(r, List.of());
        if (own.isEmpty()) {
            out.add(link(rulePath, null));
        } else {
            for (Module.Annotation a : closestFirst(own)) {
                out.add(link(rulePath, a));
            }
        }
        Module.Annotation doc = byPath.get(rulePath);
        if (doc != null && doc.scope().equals("document")) {
            out.add(link(rulePath, doc));
        }
        Module.Annotation pkg = byPackage.get(m.packagePath());
        if (pkg != null) {
            out.add(link(m.packagePath(), pkg));
        }
        for (int n = m.packagePath().size(); n >= 1; n--) {
            Module.Annotation sub = byPath.get(m.packagePath().subList(0, n));
            if (sub != null && sub.scope().equals("subpackages")) {
                out.add(link(m.packagePath().subList(0, n), sub));
            }
        }
        return ArrayValue.of(out);
    }

    /** One entry of a {@code schemas} annotation: the document path it types and a schema reference or definition. */
    public record SchemaAnnotation(List<String> path, List<String> schemaRef, JsonNode definition,
                                   org.mtabaseline.rego.ast.Location loc) {
    }

    /**
     * The {@code schemas} entries that apply to a rule, in OPA's order: subpackages (outermost first), package,
     * document, then the rule's own annotations.
     */
    public List<SchemaAnnotation> schemas(Rule r) {
        Module m = moduleOf.get(r);
        if (m == null) {
            return List.of();
        }
        List<Module.Annotation> sources = new ArrayList<>();
        for (int n = 1; n <= m.packagePath().size(); n++) {
            Module.Annotation sub = byPath.get(m.packagePath().subList(0, n));
            if (sub != null && sub.scope().equals("subpackages")) {
                sources.add(sub);
            }
        }
        Module.Annotation pkg = byPackage.get(m.packagePath());
        if (pkg != null) {
            sources.add(pkg);
        }
        Module.Annotation doc = byPath.get(groundPath(m, r));
        if (doc != null && doc.scope().equals("document")) {
            sources.add(doc);
        }
        sources.addAll(byRule.getOrDefault(r, List.of()));
        List<SchemaAnnotation> out = new ArrayList<>();
        for (Module.Annotation a : sources) {
            for (JsonNode entry : a.yaml().path("schemas")) {
                entry.fields().forEachRemaining(e -> out.add(new SchemaAnnotation(refParts(e.getKey()),
                        e.getValue().isTextual() ? refParts(e.getValue().asText()) : null,
                        e.getValue().isTextual() ? null : e.getValue(), a.loc())));
            }
        }
        return out;
    }

    /** {@code input.a["b-c"]} as its parts {@code [input, a, b-c]}. */
    static List<String> refParts(String ref) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c == '.') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
            } else if (c == '[') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                int end = ref.indexOf(']', i);
                String inner = ref.substring(i + 1, end < 0 ? ref.length() : end).trim();
                if (inner.length() >= 2 && inner.startsWith("\"") && inner.endsWith("\"")) {
                    inner = inner.substring(1, inner.length() - 1);
                }
                out.add(inner);
                i = end < 0 ? ref.length() : end;
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static List<Module.Annotation> closestFirst(List<Module.Annotation> as) {
        List<Module.Annotation> sorted = new ArrayList<>(as);
        sorted.sort(Comparator.comparingInt((Module.Annotation a) -> a.loc().row()).reversed());
        return sorted;
    }

    private static Value link(List<String> path, Module.Annotation a) {
        ObjectValue.Builder b = ObjectValue.builder();
        b.put("path", ArrayValue.of(path.stream().map(s -> (Value) StringValue.of(s)).toList()));
        if (a != null) {
            b.put("annotations", toValue(a));
        }
        return b.build();
    }

    /** The package path plus the static prefix of the rule's head reference (its "ground prefix"). */
    private static List<String> groundPath(Module m, Rule r) {
        List<String> p = new ArrayList<>(m.packagePath());
        p.add(r.name());
        for (int i = 1; i < r.head().size(); i++) {
            if (r.head().get(i) instanceof Term.Scalar s && s.value() instanceof StringValue str) {
                p.add(str.value());
            } else {
                break;
            }
        }
        return List.copyOf(p);
    }

    /** An annotation as OPA's Annotations.toObject renders it (authors and related resources normalised). */
    static Value toValue(Module.Annotation a) {
        JsonNode y = a.yaml();
        ObjectValue.Builder b = ObjectValue.builder();
        b.put("scope", StringValue.of(a.scope()));
        text(y, "title").ifPresent(t -> b.put("title", StringValue.of(t)));
        if (y.path("entrypoint").asBoolean(false)) {
            b.put("entrypoint", BooleanValue.TRUE);
        }
        text(y, "description").ifPresent(t -> b.put("description", StringValue.of(t)));
        if (y.path("organizations").size() > 0) {
            List<Value> orgs = new ArrayList<>();
            y.get("organizations").forEach(o -> orgs.add(StringValue.of(o.asText())));
            b.put("organizations", ArrayValue.of(orgs));
        }
        if (y.path("related_resources").size() > 0) {
            List<Value> rrs = new ArrayList<>();
            for (JsonNode rr : y.get("related_resources")) {
                ObjectValue.Builder o = ObjectValue.builder();
                if (rr.isObject()) {
                    o.put("ref", StringValue.of(rr.path("ref").asText().trim()));
                    String d = rr.path("description").asText("").trim();
                    if (!d.isEmpty()) {
                        o.put("description", StringValue.of(d));
                    }
                } else {
                    o.put("ref", StringValue.of(rr.asText()));
                }
                rrs.add(o.build());
            }
            b.put("related_resources", ArrayValue.of(rrs));
        }
        if (y.path("authors").size() > 0) {
            List<Value> authors = new ArrayList<>();
            for (JsonNode au : y.get("authors")) {
                String name;
                String email;
                if (au.isObject()) {
                    name = au.path("name").asText("");
                    email = au.path("email").asText("");
                } else {
                    // "Jane Doe <jane@example.com>": a trailing <...> word is the e-mail address
                    String[] parts = au.asText().trim().split("\\s+");
                    int n = parts.length;
                    String last = parts[n - 1];
                    email = "";
                    if (last.length() >= 2 && last.startsWith("<") && last.endsWith(">")) {
                        email = last.substring(1, last.length() - 1);
                        n--;
                    }
                    name = String.join(" ", java.util.Arrays.asList(parts).subList(0, n));
                }
                ObjectValue.Builder o = ObjectValue.builder();
                if (!name.isEmpty()) {
                    o.put("name", StringValue.of(name));
                }
                if (!email.isEmpty()) {
                    o.put("email", StringValue.of(email));
                }
                authors.add(o.build());
            }
            b.put("authors", ArrayValue.of(authors));
        }
        if (y.path("schemas").size() > 0) {
            List<Value> schemas = new ArrayList<>();
            for (JsonNode s : y.get("schemas")) {
                s.fields().forEachRemaining(e -> {
                    ObjectValue.Builder o = ObjectValue.builder();
                    o.put("path", refArray(e.getKey()));
                    if (e.getValue().isTextual()) {
                        o.put("schema", refArray(e.getValue().asText()));
                    } else {
                        o.put("definition", Json.fromJson(e.getValue()));
                    }
                    schemas.add(o.build());
                });
            }
            b.put("schemas", ArrayValue.of(schemas));
        }
        if (y.path("custom").size() > 0) {
            b.put("custom", Json.fromJson(y.get("custom")));
        }
        return b.build();
    }

    private static java.util.Optional<String> text(JsonNode y, String key) {
        return y.hasNonNull(key) && !y.get(key).asText().isEmpty() ? java.util.Optional.of(y.get(key).asText())
                : java.util.Optional.empty();
    }

    /** A dotted schema reference ({@code input.x}, {@code schema.input}) as its array of parts. */
    private static Value refArray(String ref) {
        List<Value> parts = new ArrayList<>();
        for (String p : ref.split("\\.")) {
            parts.add(StringValue.of(p));
        }
        return ArrayValue.of(parts);
    }
}
