package org.mtabaseline.rego.compile;

import java.util.List;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;

/**
 * A compiled rule placed at a node of the rule tree: suffix is the part of its head reference below
 * the node (dynamic keys, possibly followed by more static keys).
 */
public record RuleDef(Rule rule, List<Term> suffix, String path) {
}
