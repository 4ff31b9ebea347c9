package org.mtabaseline.rego.builtins;

import java.util.List;
import java.util.function.Consumer;

/** The builtin families of the standard registry: one line per family. */
final class BuiltinFamilies {
    static final List<Consumer<BuiltinRegistry>> FAMILIES = List.of(
            ComparisonBuiltins::register,
            MembershipBuiltins::register,
            PrintBuiltins::register,
            RuntimeBuiltins::register,
            AggregateBuiltins::register,
            NumberBuiltins::register,
            BitsBuiltins::register,
            StringBuiltins::register,
            RegexBuiltins::register,
            GlobBuiltins::register,
            NetBuiltins::register,
            ObjectBuiltins::register,
            ArrayBuiltins::register,
            SetBuiltins::register,
            TypeBuiltins::register,
            ConversionBuiltins::register,
            EncodingBuiltins::register,
            UnitsBuiltins::register,
            TimeBuiltins::register,
            SemverBuiltins::register,
            CryptoBuiltins::register,
            UuidBuiltins::register,
            WalkBuiltins::register,
            GraphBuiltins::register,
            GraphqlBuiltins::register,
            UriBuiltins::register,
            RandBuiltins::register,
            JwtBuiltins::register,
            X509Builtins::register,
            JsonSchemaBuiltins::register,
            AwsBuiltins::register,
            TemplateBuiltins::register,
            HttpBuiltins::register,
            RegoBuiltins::register
    );

    private BuiltinFamilies() {
    }
}
