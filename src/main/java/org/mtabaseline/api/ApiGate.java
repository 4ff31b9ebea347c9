package org.mtabaseline.api;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards /api/*: authentication (bearer token or X-API-Key, when enabled) and the request size limit,
 * both answered as problem JSON before any body is read. Health, metrics and OpenAPI (/q/*) stay open.
 */
@ApplicationScoped
@Startup
public class ApiGate {

    private final ApiConfig config;
    private final List<byte[]> tokens;

    ApiGate(ApiConfig config) {
        this.config = config;
        this.tokens = config.auth().tokens().orElse(List.of()).stream()
                .map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        if (config.auth().enabled() && tokens.isEmpty()) {
            // Fail at start-up rather than run an API nobody can (or everybody could) call.
            throw new IllegalStateException("mta-baseline.api.auth.enabled=true but no token is configured:"
                    + " set MTA_BASELINE_API_TOKEN (or mta-baseline.api.auth.tokens)");
        }
    }

    @ServerRequestFilter(preMatching = true, priority = 100)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        // The API server calls the admission webhook over TLS without a token (k8s/webhook.yaml); the
        // webhook stores nothing and only answers a verdict.
        if (!config.auth().enabled() || !path.startsWith("/api/") || path.equals(AdmissionResource.PATH)) {
            return Optional.empty();
        }
        String presented = presentedToken(request);
        if (presented != null && accepted(presented)) {
            return Optional.empty();
        }
        ProblemException p = new ProblemException(401, "unauthorized", "Unauthorized", presented == null
                ? "this API needs a token: send 'Authorization: Bearer <token>' or 'X-API-Key: <token>'"
                : "the token presented is not accepted");
        return Optional.of(Response.fromResponse(ProblemMapper.respond(p))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mta-baseline\"").build());
    }

    private static String presentedToken(ContainerRequestContext request) {
        String auth = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        return request.getHeaderString("X-API-Key");
    }

    private boolean accepted(String presented) {
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] t : tokens) {
            ok |= MessageDigest.isEqual(p, t); // constant time; check all to not leak which matched
        }
        return ok;
    }

    @ServerRequestFilter(preMatching = true, priority = 200)
    public Optional<Response> limitSize(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long max = config.maxRequestSize().asLongValue();
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > max) {
                    return Optional.of(ProblemMapper.respond(ProblemException.tooLarge(
                            "the request body is larger than " + max + " bytes (mta-baseline.api.max-request-size)")));
                }
            } catch (NumberFormatException e) {
                return Optional.of(ProblemMapper.respond(ProblemException.badRequest("invalid-request",
                        "Invalid request", "Content-Length is not a number")));
            }
        }
        return Optional.empty();
    }
}
