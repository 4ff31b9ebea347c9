package org.mtabaseline.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Body of PUT /api/v1/assets/{id}: the whole asset as the CMDB knows it (absent fields are cleared). */
public record AssetRequest(
        @Size(max = 255) String hostname,
        @Size(max = 100) String environment,
        @Size(max = 255) String owner,
        @JsonAlias({"mta", "mta_kind"}) @Pattern(regexp = MtaKinds.PATTERN, message = MtaKinds.MESSAGE) String mtaKind,
        @Pattern(regexp = "mail_server|host", message = "must be mail_server or host") String role,
        Map<@Size(min = 1, max = 100) String, @Size(max = 255) String> tags) {
}
