package org.mtabaseline.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of POST /api/v1/evaluations: {@code {"asset": {"id"}, "mta"?, "files": [{"name", "content"}], "probe_id"?}}.
 * {@code mta} may be left out when the files name their MTA (main.cf, sendmail.mc, ...).
 */
public record EvaluationRequest(
        @NotNull @Valid AssetRef asset,
        @Size(max = 32) String mta,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid ConfigFileRequest> files,
        @JsonProperty("probe_id") @JsonAlias("probeId") @Size(max = 64) String probeId) {

    public record AssetRef(@NotBlank @Pattern(regexp = AssetResource.ID_PATTERN, message = "must be a CMDB id")
                           String id) {
    }

    public record ConfigFileRequest(@NotBlank @Size(max = 255) String name, @NotNull String content) {
    }
}
