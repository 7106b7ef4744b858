package dev.kiln.workspace.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kiln.common.spec.Spec;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A data asset as its YAML or JSON spec describes it. */
@Spec
record DataSpec(
    @JsonProperty("$schema") String schema,
    @Size(max = 255) String name,
    @Size(max = 64) String version,
    String type,
    @NotBlank @Size(max = 2048) String path,
    @Size(max = 1000) String description,
    @Size(max = 50) Map<String, @Size(max = 256) String> tags) {}
