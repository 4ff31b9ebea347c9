/**
 * Value-independent algorithms behind the Rego builtins, each emulating the Go library OPA uses
 * (gobwas/glob, net, regexp, time, fmt, semver, units) so results and error texts match OPA.
 * Knows nothing of Rego values or the evaluator.
 */
package org.mtabaseline.rego.builtins.support;
