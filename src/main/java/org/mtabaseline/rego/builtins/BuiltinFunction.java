package org.mtabaseline.rego.builtins;

/**
 * A registered builtin.
 *
 * @param name     the Rego name, e.g. {@code strings.replace_n}
 * @param arity    number of operands, or -1 for variadic ({@code print})
 * @param relation true if the result is an array of alternatives, each unified with the output in
 *                 turn (OPA's relations, e.g. {@code walk})
 * @param impl     the function
 */
public record BuiltinFunction(String name, int arity, boolean relation, Builtin impl) {
}
