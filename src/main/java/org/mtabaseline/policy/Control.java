package org.mtabaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A control of the catalogue, exactly as its Rego {@code # METADATA} annotation describes it.
 * {@code path} is the package path (e.g. {@code data.mta.controls.relay_001}); {@code file} the module.
 */
public record Control(String id, String path, String title, String description, String severity,
                      List<String> mtaKinds, List<String> roles, String source, JsonNode references,
                      JsonNode remediation, String rollback, String file) {
}
