package org.mtabaseline.rego;

/**
 * The Rego syntax a module is parsed with, as OPA's {@code ast.RegoVersion}.
 *
 * <ul>
 *   <li>{@link #V1}: OPA 1.x's default. {@code if}, {@code contains}, {@code in}, {@code every} are keywords;</li>
 *   <li>{@link #V0}: the syntax of OPA &lt; 1.0 (OPA 1.x with {@code --v0-compatible}). Rule bodies need no
 *       {@code if}, {@code p[x] { ... }} defines a partial set, and the keywords above exist only when the module
 *       imports them ({@code import future.keywords[.kw]}). A v0 module that imports {@code rego.v1} follows
 *       the v1 rules instead.</li>
 * </ul>
 */
public enum RegoVersion {
    V0,
    V1
}
