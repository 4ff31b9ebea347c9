package org.mtabaseline.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The parts of an {@code admission.k8s.io/v1} AdmissionReview the webhook reads and writes. The object
 * under review is read as a ConfigMap (the webhook is registered for configmaps only); unknown members
 * are ignored, so newer API servers' additions do not break it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdmissionReview(String apiVersion, String kind, Request request, Response response) {

    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String KIND = "AdmissionReview";

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String uid, GroupVersionKind kind, String namespace, String name, String operation,
                          ConfigMap object, Boolean dryRun) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GroupVersionKind(String group, String version, String kind) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConfigMap(ObjectMeta metadata, Map<String, String> data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ObjectMeta(String name, String namespace, Map<String, String> labels) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(String uid, boolean allowed, Status status, List<String> warnings) {
    }

    /** metav1.Status: shown to the user (kubectl prints the message) when the request is denied. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(int code, String reason, String message) {
    }

    static AdmissionReview answer(Response response) {
        return new AdmissionReview(API_VERSION, KIND, null, response);
    }
}
