/**
 * Rego types as OPA's type checker knows them (types.go): the type algebra, signatures written as OPA prints
 * them, and the types JSON Schemas describe. Knows nothing of rules or evaluation.
 */
package org.mtabaseline.rego.types;
