package dev.kiln.workspace.environment;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kiln.common.spec.Spec;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An environment as its Azure-ML-style YAML or JSON spec describes it. {@code conda_file} is the
 * file's content, as a string or as a mapping (the CLI inlines a local file); {@code
 * pip_requirements} is Kiln's own key for a plain list of requirements.
 */
@Spec
record EnvironmentSpec(
    @JsonProperty("$schema") String schema,
    String name,
    String version,
    @Size(max = 1000) String description,
    Map<String, String> tags,
    String image,
    @JsonProperty("conda_file") JsonNode condaFile,
    @JsonProperty("pip_requirements") List<String> pipRequirements,
    @JsonProperty("python_version") String pythonVersion,
    @JsonProperty("environment_variables") Map<String, String> environmentVariables) {}
