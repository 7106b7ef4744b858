package dev.kiln.workspace.datastore;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kiln.common.spec.Spec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A datastore as its YAML or JSON spec describes it (Kiln's {@code local} and {@code s3} types;
 * credential keys follow AWS naming).
 */
@Spec
record DatastoreSpec(
    @JsonProperty("$schema") String schema,
    @Size(max = 255) String name,
    String type,
    @Size(max = 1000) String description,
    @Size(max = 4096) String path,
    @Size(max = 1000) String endpoint,
    @Size(max = 63) String bucket,
    @Size(max = 64) String region,
    @Size(max = 1024) String prefix,
    @Valid Credentials credentials,
    Map<String, String> tags) {

  @Spec
  record Credentials(
      @JsonProperty("access_key_id") @Size(max = 256) String accessKeyId,
      @JsonProperty("secret_access_key") @Size(max = 1024) String secretAccessKey) {

    @Override
    public String toString() {
      return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }
}
