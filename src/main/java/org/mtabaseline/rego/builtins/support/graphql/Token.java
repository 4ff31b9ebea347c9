package org.mtabaseline.rego.builtins.support.graphql;

/** One lexical token: its kind, its value (names, numbers, string contents) and where it starts. */
record Token(Kind kind, String value, Ast.Position pos) {

    /** Token kinds with the names gqlparser prints in its messages. */
    enum Kind {
        INVALID("<Invalid>"), EOF("<EOF>"), BANG("!"), DOLLAR("$"), AMP("&"), PAREN_L("("), PAREN_R(")"),
        SPREAD("..."), COLON(":"), EQUALS("="), AT("@"), BRACKET_L("["), BRACKET_R("]"), BRACE_L("{"), BRACE_R("}"),
        PIPE("|"), NAME("Name"), INT("Int"), FLOAT("Float"), STRING("String"), BLOCK_STRING("BlockString"),
        COMMENT("Comment");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** gqlparser's {@code Token.String()}: the kind, then the quoted value if there is one. */
    @Override
    public String toString() {
        if (!value.isEmpty()) {
            return kind + " " + org.mtabaseline.rego.builtins.support.GoFormat.quote(value, false);
        }
        return kind.toString();
    }
}
