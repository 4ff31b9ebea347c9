package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** Real admission.k8s.io/v1 AdmissionReview bodies, as the API server sends them, around the examples' configs. */
final class AdmissionReviews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdmissionReviews() {
    }

    /** A CREATE of ConfigMap {@code name} whose data are the example's files (keyed by base name). */
    static String configMapCreate(String uid, String example, Map<String, String> labels) throws IOException {
        JsonNode request = JSON.readTree(Files.readString(Path.of("examples", example)));
        ObjectNode review = review(uid, "CREATE");
        ObjectNode object = (ObjectNode) review.get("request").get("object");
        ObjectNode data = object.putObject("data");
        for (JsonNode f : request.get("files")) {
            String name = f.get("name").asText();
            data.put(name.substring(name.lastIndexOf('/') + 1), f.get("content").asText());
        }
        ObjectNode l = ((ObjectNode) object.get("metadata")).putObject("labels");
        l.put("app", "postfix");
        labels.forEach(l::put);
        return JSON.writeValueAsString(review);
    }

    static String configMapDelete(String uid) throws IOException {
        ObjectNode review = review(uid, "DELETE");
        ObjectNode request = (ObjectNode) review.get("request");
        request.set("oldObject", request.get("object"));
        request.putNull("object");
        return JSON.writeValueAsString(review);
    }

    private static ObjectNode review(String uid, String operation) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode r = review.putObject("request");
        r.put("uid", uid);
        r.putObject("kind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
        r.putObject("resource").put("group", "").put("version", "v1").put("resource", "configmaps");
        r.putObject("requestKind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
        r.putObject("requestResource").put("group", "").put("version", "v1").put("resource", "configmaps");
        r.put("name", "postfix-config").put("namespace", "mail").put("operation", operation);
        r.putObject("userInfo").put("username", "kubernetes-admin").putArray("groups").add("system:masters");
        ObjectNode object = r.putObject("object");
        object.put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", "postfix-config").put("namespace", "mail")
                .put("uid", UUID.randomUUID().toString()).put("creationTimestamp", "2026-11-28T22:00:00Z");
        r.putNull("oldObject");
        r.put("dryRun", false);
        r.putObject("options").put("apiVersion", "meta.k8s.io/v1").put("kind", "CreateOptions").put("fieldManager", "kubectl-client-side-apply");
        return review;
    }

    static String uid() {
        return UUID.randomUUID().toString();
    }
}
