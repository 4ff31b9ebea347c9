package org.mtabaseline.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client can act on, rendered by {@link ProblemMapper} as RFC 7807 JSON.
 * Any room's resource may throw it; build it with the static factories and the fluent setters:
 * {@code throw ProblemException.unprocessable("unsupported-mta", "Unsupported MTA", "...").field("mta")}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private String field;
    private String file;
    private Integer line;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(400, slug, title, detail);
    }

    public static ProblemException notFound(String what, String id) {
        String title = Character.toUpperCase(what.charAt(0)) + what.substring(1) + " not found";
        return new ProblemException(404, "not-found", title, what + " '" + id + "' does not exist");
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "payload-too-large", "Payload too large", detail);
    }

    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(422, slug, title, detail);
    }

    public ProblemException field(String field) {
        this.field = field;
        return this;
    }

    public ProblemException file(String file) {
        this.file = file;
        return this;
    }

    public ProblemException line(Integer line) {
        this.line = line;
        return this;
    }

    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public Problem toProblem() {
        return new Problem(ProblemMapper.typeUri(slug), title, status, getMessage(), field, file, line,
                extensions.isEmpty() ? null : Map.copyOf(extensions));
    }

    public int status() {
        return status;
    }
}
