package org.mtabaseline.rego;

/**
 * An error as OPA reports it: code ({@code rego_parse_error}, {@code rego_compile_error},
 * {@code rego_type_error}, {@code rego_recursion_error}, {@code rego_unsafe_var_error},
 * {@code eval_conflict_error}, {@code eval_type_error}, {@code eval_builtin_error}, ...), location and message.
 */
public record RegoError(String code, String file, int row, int col, String message) {

    /** OPA's text: {@code file:row: code: message}, {@code row:col: code: message} without a file (a query). */
    @Override
    public String toString() {
        if (file == null || file.isEmpty()) {
            return row > 0 ? row + ":" + col + ": " + code + ": " + message : code + ": " + message;
        }
        return file + ":" + row + ": " + code + ": " + message;
    }
}
