package org.mtabaseline.probe;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** The outcome of one battery envelope on one path and port, with every reply the server gave. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProbeTestResult(String id, String technique, String mailFrom, String rcptTo, List<String> replies,
                              TestVerdict verdict, String reason, ProbePath path, int port, boolean relayAttempt,
                              String stage, int session) {
    public ProbeTestResult {
        replies = List.copyOf(replies);
    }
}
