package org.mtabaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The decision of one control for one input: {@code status} is pass, fail, not_applicable or error;
 * {@code remediation} is the text for the evaluated MTA kind (or every kind's text if unknown).
 */
public record ControlResult(String control, String title, String severity, String status, String reason,
                            JsonNode evidence, JsonNode remediation) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String NOT_APPLICABLE = "not_applicable";
    public static final String ERROR = "error";
}
