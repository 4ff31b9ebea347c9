package org.mtabaseline.rego.builtins;

import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.ast.AstJson;
import org.mtabaseline.rego.parser.Parser;
import org.mtabaseline.rego.value.Json;

/**
 * {@code rego.parse_module} (OPA's JSON AST of a module) and the {@code rego.metadata.*} functions. The
 * compiler replaces {@code rego.metadata.chain()} and {@code rego.metadata.rule()} inside rules by their
 * values, so the functions themselves only run from a query, where OPA fails them.
 */
public final class RegoBuiltins {
    private RegoBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("rego.parse_module", 2, (ctx, a) -> {
            String file = Args.string(a, 0);
            String source = Args.string(a, 1);
            try {
                return Json.fromJson(AstJson.module(Parser.parseModule(file, source)));
            } catch (RegoCompileException e) {
                throw BuiltinException.error(e.getMessage());
            }
        });
        for (String name : new String[] {"rego.metadata.chain", "rego.metadata.rule"}) {
            r.register(name, 0, (ctx, a) -> {
                throw BuiltinException.error("the " + name + " function must only be called within the scope of a rule");
            });
        }
    }
}
