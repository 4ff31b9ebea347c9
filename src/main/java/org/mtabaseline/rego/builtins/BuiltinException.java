package org.mtabaseline.rego.builtins;

/**
 * A builtin failing at evaluation time. The message is OPA's text without the builtin name
 * (e.g. {@code operand 1 must be string but got number}); the evaluator prefixes {@code name: }.
 */
public final class BuiltinException extends RuntimeException {
    public static final String TYPE_ERROR = "eval_type_error";
    public static final String BUILTIN_ERROR = "eval_builtin_error";

    private final String code;

    private BuiltinException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** An operand of the wrong type or shape (OPA: eval_type_error). */
    public static BuiltinException typeError(String message) {
        return new BuiltinException(TYPE_ERROR, message);
    }

    /** Any other failure: bad format, divide by zero, ... (OPA: eval_builtin_error). */
    public static BuiltinException error(String message) {
        return new BuiltinException(BUILTIN_ERROR, message);
    }

    /** eval_type_error or eval_builtin_error. */
    public String code() {
        return code;
    }
}
