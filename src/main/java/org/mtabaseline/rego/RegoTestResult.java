package org.mtabaseline.rego;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one {@code test_} rule as {@code opa test} judges it: passed if defined and not
 * false; failed otherwise; error (non-null) if evaluation raised one.
 */
public record RegoTestResult(String path, boolean passed, RegoError error, Duration duration, List<String> output) {
}
