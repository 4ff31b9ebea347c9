package org.mtabaseline.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** policies/input.schema.json loaded once, with helpers to validate a full input or a bare `mta` object. */
final class InputSchema {
    static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    private InputSchema() {
    }

    static synchronized JsonSchema schema() {
        if (schema == null) {
            try {
                JsonNode node = JSON.readTree(Files.readString(Path.of("policies/input.schema.json")));
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
            } catch (IOException e) {
                throw new UncheckedIOException("policies/input.schema.json not readable from " + Path.of("").toAbsolutePath(), e);
            }
        }
        return schema;
    }

    /** Validation messages for a full policy input; empty = valid. */
    static String errors(JsonNode input) {
        Set<ValidationMessage> msgs = schema().validate(input);
        return msgs.stream().map(ValidationMessage::toString).sorted().collect(Collectors.joining("\n"));
    }

    /** Wraps collector output in a minimal input (asset + mta + probe null). */
    static ObjectNode inputOf(JsonNode mta) {
        ObjectNode in = JSON.createObjectNode();
        in.putObject("asset").put("id", "test-asset").put("hostname", "mx.test").put("environment", "test")
                .put("role", "mail_server").putObject("tags");
        in.set("mta", mta);
        in.putNull("probe");
        return in;
    }
}
