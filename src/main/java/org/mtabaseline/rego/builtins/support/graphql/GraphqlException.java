package org.mtabaseline.rego.builtins.support.graphql;

import java.util.List;

/**
 * One gqlparser error ({@code gqlerror.Error}) or a list of them ({@code gqlerror.List}, from validation). The
 * message is Go's {@code Error()} text, which OPA then reshapes: {@code input:3:22: Expected Name, found <EOF>}
 * for one error, each error followed by a newline for a list.
 */
public final class GraphqlException extends RuntimeException {
    private final transient List<Located> errors;
    private final boolean list;

    /** One error message at a place in a source (line and column may be -1 when the node had no position). */
    public record Located(String message, String file, int line, int column, boolean hasLocation) {
        /** Go's {@code gqlerror.Error.Error()}. */
        public String goText() {
            StringBuilder b = new StringBuilder(file == null || file.isEmpty() ? "input" : file);
            if (hasLocation) {
                b.append(':').append(line).append(':').append(column);
            }
            return b.append(": ").append(message).toString();
        }
    }

    private GraphqlException(List<Located> errors, boolean list) {
        super(render(errors, list), null, false, false);
        this.errors = errors;
        this.list = list;
    }

    /** A plain error, not a gqlerror: a JSON decoding problem, or a malformed AST where gqlparser would panic. */
    public GraphqlException(String message) {
        super(message, null, false, false);
        this.errors = List.of();
        this.list = false;
    }

    /** One error at a position; a missing position reads as line -1, column -1, as gqlparser's ErrorPosf does. */
    public static GraphqlException at(Ast.Position pos, String message) {
        if (pos == null) {
            return new GraphqlException(List.of(new Located(message, null, -1, -1, true)), false);
        }
        return new GraphqlException(List.of(new Located(message, sourceName(pos), pos.line(), pos.column(), true)),
                false);
    }

    /** A validation error list. */
    public static GraphqlException list(List<Located> errors) {
        return new GraphqlException(List.copyOf(errors), true);
    }

    static String sourceName(Ast.Position pos) {
        return pos.src() == null ? "" : pos.src().name();
    }

    public List<Located> errors() {
        return errors;
    }

    public boolean isList() {
        return list;
    }

    private static String render(List<Located> errors, boolean list) {
        if (!list) {
            return errors.get(0).goText();
        }
        StringBuilder b = new StringBuilder();
        for (Located e : errors) {
            b.append(e.goText()).append('\n');
        }
        return b.toString();
    }
}
