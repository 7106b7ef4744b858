package dev.kiln.common.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service keeps its objects ({@code kiln.storage.*}; environment variables such as {@code
 * KILN_STORAGE_TYPE} and {@code KILN_STORAGE_S3_SECRET_KEY} bind too).
 *
 * @param type {@code filesystem} (the default) or {@code s3}
 * @param filesystem settings of the filesystem store
 * @param s3 settings of the S3 store
 */
@ConfigurationProperties("kiln.storage")
public record ObjectStoreProperties(
    @DefaultValue("filesystem") Type type,
    @DefaultValue Filesystem filesystem,
    @DefaultValue S3 s3) {

  /** Which store to use. */
  public enum Type {
    FILESYSTEM,
    S3
  }

  /**
   * The filesystem store.
   *
   * @param root the folder that holds the objects; set it in production, as the default ({@code
   *     ${java.io.tmpdir}/kiln-objects}) may be wiped by the operating system and is not shared
   *     between replicas
   */
  public record Filesystem(Path root) {

    public Filesystem {
      if (root == null) {
        root = defaultRoot();
      }
    }

    /** Whether the root is the temporary-folder default rather than configured. */
    public boolean isDefaultRoot() {
      return root.equals(defaultRoot());
    }

    private static Path defaultRoot() {
      return Path.of(System.getProperty("java.io.tmpdir"), "kiln-objects");
    }
  }

  /**
   * The S3 store.
   *
   * @param endpoint the S3 API base URL, for example {@code http://minio:9000}
   * @param region the bucket's region
   * @param bucket the bucket that holds the objects (created when missing)
   * @param accessKey the access key
   * @param secretKey the secret key: never printed by {@link #toString()}
   * @param publicEndpoint the S3 API base URL as clients outside the platform reach it, which
   *     signed URLs name (for example {@code https://s3.kiln.example.com}); empty means {@code
   *     endpoint}
   */
  public record S3(
      String endpoint,
      @DefaultValue("us-east-1") String region,
      @DefaultValue("kiln") String bucket,
      String accessKey,
      String secretKey,
      String publicEndpoint) {

    @Override
    public String toString() {
      return "S3[endpoint="
          + endpoint
          + ", region="
          + region
          + ", bucket="
          + bucket
          + ", accessKey="
          + accessKey
          + ", secretKey="
          + (secretKey == null ? "null" : "******")
          + ", publicEndpoint="
          + publicEndpoint
          + "]";
    }
  }
}
