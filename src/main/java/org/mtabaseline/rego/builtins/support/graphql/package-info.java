/**
 * A port of the GraphQL parser and validator that OPA's {@code graphql.*} builtins use (OPA's internal copy of
 * github.com/vektah/gqlparser/v2, MIT licence, Copyright (c) 2018 Adam Scarr; OPA itself is Apache-2.0): lexer,
 * query and schema parser, the prelude, schema validation, the query validation rules, and the JSON shape of its
 * AST. Ported faithfully, quirks included, because OPA's conformance cases pin its exact AST and error texts.
 * Knows nothing of Rego values: documents come in as text or as plain JSON-like trees and go out the same way.
 */
package org.mtabaseline.rego.builtins.support.graphql;
