package org.mtabaseline.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A {@code # METADATA} annotation (OPA's schema) with the path it annotates, e.g.
 * {@code data.mta.controls.relay_001} for a package annotation.
 */
public record RegoAnnotation(String scope, String path, String title, String description, JsonNode custom,
                             List<JsonNode> relatedResources, List<JsonNode> authors, List<String> organizations,
                             boolean entrypoint, JsonNode schemas, String file, int row, int col) {

    /** "file:row:col" of the METADATA block. */
    public String location() {
        return file + ":" + row + ":" + col;
    }
}
