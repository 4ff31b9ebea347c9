package org.mtabaseline.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.mtabaseline.collect.ConfigParseException;
import org.mtabaseline.collect.UnsupportedMtaException;
import org.mtabaseline.policy.PolicyEngineException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures into RFC 7807 {@code application/problem+json} responses.
 * Other rooms: throw {@link ProblemException}, or add a {@code @ServerExceptionMapper} method here
 * for a domain exception of yours that must not know HTTP (as done for the collectors'), calling
 * {@link #respond(ProblemException)}. Nothing reaches the client as a bare 500 or an HTML page.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    static String typeUri(String slug) {
        return "urn:mta-baseline:problem:" + slug;
    }

    public static Response respond(ProblemException e) {
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem()).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e);
    }

    /** A probe target outside the default-deny scope: 403, naming the setting that would allow it. */
    @ServerExceptionMapper
    public Response outOfScope(org.mtabaseline.probe.OutOfScopeException e) {
        return respond(new ProblemException(403, "probe-out-of-scope", "Target outside the probe scope",
                e.getMessage()).field("targets").with("setting", e.setting())
                .with("env", org.mtabaseline.probe.OutOfScopeException.ENV).with("refused", e.targets()));
    }

    @ServerExceptionMapper
    public Response invalidProbeOption(org.mtabaseline.probe.InvalidProbeOptionException e) {
        return respond(ProblemException.unprocessable("invalid-probe-request", "Invalid probe request",
                e.getMessage()).field(e.field()));
    }

    @ServerExceptionMapper
    public Response unsupportedMta(UnsupportedMtaException e) {
        return respond(ProblemException.unprocessable("unsupported-mta", "Unsupported MTA", e.getMessage())
                .field("mta").with("supported", e.supported()));
    }

    @ServerExceptionMapper
    public Response unreadableConfig(ConfigParseException e) {
        return respond(ProblemException.unprocessable("unreadable-config", "Configuration cannot be read",
                e.detail()).file(e.file()).line(e.line()));
    }

    @ServerExceptionMapper
    public Response policyEngine(PolicyEngineException e) {
        return respond(e.unavailable()
                ? new ProblemException(503, "policy-engine-unavailable", "Policy engine unavailable", e.getMessage())
                : ProblemException.unprocessable("policy-evaluation-failed", "Policy evaluation failed", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return json(e);
    }

    private static Response json(JsonProcessingException e) {
        ProblemException p = ProblemException.badRequest("malformed-json", "Malformed JSON",
                e.getOriginalMessage());
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            p.line(loc.getLineNr()).with("column", loc.getColumnNr());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            p.field(m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "["));
        }
        return respond(p);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .orElse(null);
        if (first == null) {
            return respond(ProblemException.badRequest("invalid-request", "Invalid request", e.getMessage()));
        }
        String field = fieldOf(first.getPropertyPath());
        ProblemException p = ProblemException.badRequest("invalid-request", "Invalid request",
                field + ": " + first.getMessage()).field(field);
        if (e.getConstraintViolations().size() > 1) {
            p.with("violations", e.getConstraintViolations().stream()
                    .map(v -> Map.of("field", fieldOf(v.getPropertyPath()), "message", v.getMessage()))
                    .sorted(Comparator.comparing(m -> m.get("field")))
                    .toList());
        }
        return respond(p);
    }

    /** "submit.request.asset.id" -> "asset.id": drop the method and parameter nodes. */
    static String fieldOf(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                if (node.getKind() == ElementKind.PARAMETER && isQueryLike(node)) {
                    sb.append(node.getName());
                }
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && sb.length() > 0) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(node.getName());
        }
        return sb.toString();
    }

    private static boolean isQueryLike(Path.Node parameter) {
        // a constrained simple parameter (e.g. ?size=) is itself the field
        return !parameter.getName().equals("request") && !parameter.getName().equals("body");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json); // Quarkus REST wraps body-reading failures in a 400
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return respond(new ProblemException(status, title.toLowerCase().replace(' ', '-'), title, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return respond(new ProblemException(500, "internal-error", "Internal error",
                "the server failed unexpectedly; the request was not stored"));
    }
}
