/**
 * A pure-Java engine for OPA's Rego language: lexer, parser, AST, compiler, evaluator and builtins.
 * Knows nothing of mail, MTAs, HTTP or storage; it could be published alone.
 *
 * <p>Entry points here: {@link org.mtabaseline.rego.Rego} / {@link org.mtabaseline.rego.RegoCompiler}
 * compile modules and data into a {@link org.mtabaseline.rego.CompiledPolicy}, whose prepared queries
 * ({@link org.mtabaseline.rego.PreparedQuery}) are immutable and evaluated concurrently;
 * {@link org.mtabaseline.rego.RegoTestRunner} runs {@code test_} rules as {@code opa test} does.
 * The subpackages follow OPA's own split:
 * <ul>
 * <li>{@code parser}: tokens to AST, one class per layer ({@code TokenCursor} &lt; {@code TermParser}
 * &lt; {@code BodyParser} &lt; {@code Parser}), {@code # METADATA} annotations (OPA's ast parser);</li>
 * <li>{@code ast}: immutable modules, rules, expressions and terms, and {@code AstChildren}, the one
 * enumeration of a node's children that the compile-stage walkers share;</li>
 * <li>{@code compile}: imports and refs resolved, local variables renamed, safety and reordering,
 * recursion, v0/v1 checks, the type checker, the rule tree (OPA's ast compiler stages);</li>
 * <li>{@code eval}: the evaluator, one class per layer ({@code EvalState} &lt; {@code TermEvaluator}
 * &lt; {@code Unifier} &lt; {@code RuleEvaluator} &lt; {@code DocumentEvaluator} &lt;
 * {@code CallEvaluator} &lt; {@code Evaluator}; OPA's topdown);</li>
 * <li>{@code builtins}: one class per builtin family, as OPA's topdown and Regorus' builtins/, their
 * declared signatures, and Go-compatible helpers in {@code builtins.support};</li>
 * <li>{@code types} and {@code value}: the type lattice and JSON schemas; Rego values with OPA's order.</li>
 * </ul>
 */
package org.mtabaseline.rego;
