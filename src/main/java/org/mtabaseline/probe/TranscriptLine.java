package org.mtabaseline.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One line of an SMTP dialogue: {@code dir} is "C" (client), "S" (server) or "*" (probe note such as connect,
 * TLS, timeout); {@code tMs} counts from the start of the target's probe; {@code latencyMs} is the server's think
 * time for the first line of a reply.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TranscriptLine(int session, ProbePath path, int port, long tMs, String dir, String line,
                             Long latencyMs) {
}
