package org.mtabaseline.rego.compile;

import java.util.List;
import org.mtabaseline.rego.ast.Expr;

/** A compiled query body and the variables that become result columns. */
public record CompiledQuery(List<Expr> body, List<String> resultVars) {
    public CompiledQuery {
        // bindings are looked up by identity (Env), and bound names are interned
        resultVars = resultVars.stream().map(String::intern).toList();
    }
}
