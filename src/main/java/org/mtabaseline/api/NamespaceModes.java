package org.mtabaseline.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The admission mode per namespace: {@code pattern=mode} entries tried in order ('*' matches any run of
 * characters, as in Kyverno's namespace selectors), else the global mode. A malformed entry stops start-up.
 */
final class NamespaceModes {

    private record Entry(String pattern, Pattern regex, AdmissionConfig.Mode mode) {
    }

    /** Kubernetes namespace names are DNS-1123 labels; a pattern may add '*'. */
    private static final Pattern PATTERN = Pattern.compile("[a-z0-9*]([-a-z0-9*]{0,62})");

    private final AdmissionConfig.Mode fallback;
    private final List<Entry> entries;

    NamespaceModes(AdmissionConfig.Mode fallback, List<String> specs) {
        this.fallback = fallback;
        List<Entry> out = new ArrayList<>();
        for (String spec : specs) {
            String s = spec.strip();
            int eq = s.indexOf('=');
            String pattern = eq < 0 ? "" : s.substring(0, eq).strip();
            String mode = eq < 0 ? "" : s.substring(eq + 1).strip().toUpperCase(Locale.ROOT);
            if (!PATTERN.matcher(pattern).matches() || !(mode.equals("ENFORCE") || mode.equals("AUDIT"))) {
                throw new IllegalArgumentException("mta-baseline.admission.namespace-modes: '" + spec
                        + "' is not <namespace pattern>=enforce|audit (pattern: lower-case DNS label, '*' allowed)");
            }
            String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q");
            out.add(new Entry(pattern, Pattern.compile(regex), AdmissionConfig.Mode.valueOf(mode)));
        }
        this.entries = List.copyOf(out);
    }

    AdmissionConfig.Mode modeFor(String namespace) {
        String ns = namespace == null ? "" : namespace;
        for (Entry e : entries) {
            if (e.regex().matcher(ns).matches()) {
                return e.mode();
            }
        }
        return fallback;
    }
}
