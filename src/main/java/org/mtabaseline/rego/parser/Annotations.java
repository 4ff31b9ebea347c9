package org.mtabaseline.rego.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.ast.Rule;

/** Finds {@code # METADATA} comment blocks, parses their YAML and attaches them to the next package or rule. */
final class Annotations {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("scope", "title", "description", "related_resources", "authors",
            "organizations", "schemas", "entrypoint", "custom", "compile");
    private static final Set<String> SCOPES = Set.of("rule", "document", "package", "subpackages");

    private Annotations() {
    }

    static List<Module.Annotation> attach(String file, List<Lexer.Comment> comments, Lexer.Tok pkg,
                                          List<Module.Import> imports, List<Rule> rules) {
        List<Module.Annotation> out = new ArrayList<>();
        for (int i = 0; i < comments.size(); i++) {
            Lexer.Comment c = comments.get(i);
            if (!c.text().trim().equals("METADATA")) {
                continue;
            }
            StringBuilder yaml = new StringBuilder();
            int last = c.row();
            int j = i + 1;
            while (j < comments.size() && comments.get(j).row() == last + 1 && comments.get(j).col() == c.col()) {
                yaml.append(comments.get(j).text()).append('\n');
                last = comments.get(j).row();
                j++;
            }
            i = j - 1;
            Location loc = new Location(file, c.row(), c.col());
            JsonNode node;
            try {
                node = yaml.toString().isBlank() ? YAML.createObjectNode() : YAML.readTree(yaml.toString());
            } catch (Exception e) {
                String msg = e.getMessage() == null ? "invalid YAML" : e.getMessage().split("\n")[0];
                throw error(loc, "yaml: " + msg);
            }
            if (node == null || node.isNull() || node.isMissingNode()) {
                node = YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw error(loc, "yaml: metadata must be a mapping");
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!KEYS.contains(k)) {
                    throw error(loc, "yaml: unknown annotation field \"" + k + "\"");
                }
            }
            validate(node, loc);
            // the block annotates the first statement after it: the package, an import or a rule
            Rule target = null;
            boolean found = pkg.row() > last;
            boolean onImport = false;
            int nextRow = Integer.MAX_VALUE;
            if (!found) {
                for (Rule r : rules) {
                    if (r.loc().row() > last) {
                        target = r;
                        nextRow = r.loc().row();
                        found = true;
                        break;
                    }
                }
                for (Module.Import im : imports) {
                    if (im.loc().row() > last && im.loc().row() < nextRow) {
                        onImport = true;
                        target = null;
                        found = true;
                        break;
                    }
                }
            }
            if (!found) {
                throw error(loc, "metadata block is not followed by a rule or package");
            }
            String scope;
            if (node.hasNonNull("scope")) {
                scope = node.get("scope").asText();
            } else if (onImport) {
                scope = "import";
            } else if (target == null) {
                scope = "package";
            } else {
                scope = node.path("entrypoint").asBoolean(false) ? "document" : "rule";
            }
            if (!SCOPES.contains(scope)) {
                throw error(loc, "invalid annotation scope '" + scope
                        + "'. Use one of 'rule', 'document', 'package', or 'subpackages'");
            }
            String have = onImport ? "import" : target == null ? "package" : "rule";
            if ((scope.equals("rule") || scope.equals("document")) && target == null) {
                throw error(loc, "annotation scope '" + scope + "' must be applied to rule (have " + have + ")");
            }
            if ((scope.equals("package") || scope.equals("subpackages")) && (target != null || onImport)) {
                throw error(loc, "annotation scope '" + scope + "' must be applied to package (have " + have + ")");
            }
            if (node.path("entrypoint").asBoolean(false) && !scope.equals("document") && !scope.equals("package")) {
                throw error(loc, "annotation entrypoint applied to non-document or package scope '" + scope + "'");
            }
            out.add(new Module.Annotation(node, loc, target, scope));
        }
        return out;
    }

    private static void validate(JsonNode node, Location loc) {
        for (String s : List.of("title", "description", "scope")) {
            if (node.has(s) && !node.get(s).isTextual()) {
                throw error(loc, "yaml: " + s + " must be a string");
            }
        }
        if (node.has("entrypoint") && !node.get("entrypoint").isBoolean()) {
            throw error(loc, "yaml: entrypoint must be a boolean");
        }
        if (node.has("custom") && !node.get("custom").isObject() && !node.get("custom").isNull()) {
            throw error(loc, "yaml: custom must be a mapping");
        }
        for (String s : List.of("authors", "organizations", "related_resources")) {
            if (node.has(s) && !node.get(s).isArray() && !node.get(s).isNull()) {
                throw error(loc, "yaml: " + s + " must be a list");
            }
        }
        if (node.has("related_resources")) {
            for (JsonNode r : node.get("related_resources")) {
                if (r.isObject() ? !r.has("ref") : !r.isTextual()) {
                    throw error(loc, "yaml: related_resources entries need a ref");
                }
            }
        }
    }

    private static RegoCompileException error(Location loc, String msg) {
        return new RegoCompileException(new RegoError("rego_parse_error", loc.file(), loc.row(), loc.col(), msg));
    }
}
