package org.mtabaseline.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Kubernetes validating admission webhook (k8s/webhook.yaml registers it). */
@Path(AdmissionResource.PATH)
@Tag(name = "kubernetes")
public class AdmissionResource {

    /** Called by the API server, which presents no API token: ApiGate lets exactly this path through. */
    static final String PATH = "/api/v1/admission/validate";

    private final AdmissionWebhook webhook;

    AdmissionResource(AdmissionWebhook webhook) {
        this.webhook = webhook;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Review a ConfigMap labelled mta-baseline.io/mta (AdmissionReview v1 in and out); stores nothing")
    public AdmissionReview validate(AdmissionReview review) {
        return AdmissionReview.answer(webhook.review(review));
    }
}
