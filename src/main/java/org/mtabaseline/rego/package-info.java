/**
 * A pure-Java engine for OPA's Rego language: lexer, parser, AST, compiler, evaluator and builtins.
 * Knows nothing of mail, MTAs, HTTP or storage; it could be published alone.
 */
package org.mtabaseline.rego;
