package org.mtabaseline.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What the TLS handshake showed; recorded, never verified against a trust store (self-signed is evidence). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsDetails(ProbePath path, int port, String protocol, String cipher, String certSubject,
                         String certIssuer, String certNotAfter, Boolean selfSigned, Long handshakeMs, String error) {

    public static TlsDetails failed(ProbePath path, int port, String error) {
        return new TlsDetails(path, port, null, null, null, null, null, null, null, error);
    }
}
