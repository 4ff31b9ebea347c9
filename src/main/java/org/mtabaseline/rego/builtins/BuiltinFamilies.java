package org.mtabaseline.rego.builtins;

import java.util.List;
import java.util.function.Consumer;

/** The builtin families of the standard registry: one line per family. */
final class BuiltinFamilies {
    static final List<Consumer<BuiltinRegistry>> FAMILIES = List.of(
            ComparisonBuiltins::register,
            MembershipBuiltins::register,
            PrintBuiltins::register,
            RuntimeBuiltins::register
    );

    private BuiltinFamilies() {
    }
}
