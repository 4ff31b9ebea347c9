package org.mtabaseline.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of POST /api/v1/probes: {@code {"targets": ["host:port", ...], "options": {...}, "asset_id"?}}.
 * Targets without a port stand for every port in {@code options.ports} (default mta-baseline.probe.ports).
 * {@code asset_id} ties the probe to a CMDB asset so an evaluation of that asset can use it as evidence.
 */
public record ProbeRequest(
        @NotEmpty @Size(max = 256) List<@NotBlank @Size(max = 300) String> targets,
        JsonNode options,
        @JsonProperty("asset_id") @JsonAlias("assetId")
        @Pattern(regexp = AssetResource.ID_PATTERN, message = "must be a CMDB id") String assetId) {
}
