package dev.kiln.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.embedded.EmbeddedS3;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ObjectStoreAutoConfigurationTest {

  private static final String SECRET = "s3cr3t-value-never-printed";
  private static EmbeddedS3 s3;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ObjectStoreAutoConfiguration.class));

  @TempDir Path folder;

  @BeforeAll
  static void startServer() {
    s3 = EmbeddedS3.start(null, 0, "kiln-test-access", SECRET);
  }

  @AfterAll
  static void stopServer() {
    s3.close();
  }

  @Test
  void usesFileSystemStoreByDefault() {
    runner
        .withPropertyValues("kiln.storage.filesystem.root=" + folder.resolve("objects"))
        .run(
            context -> {
              assertThat(context).hasSingleBean(ObjectStore.class);
              FileSystemObjectStore store = context.getBean(FileSystemObjectStore.class);
              assertThat(store.root()).isEqualTo(folder.resolve("objects").toRealPath());
            });
  }

  @Test
  void defaultsFileSystemRootToTemporaryFolder() {
    // An own store keeps this test from creating the default folder; the properties still bind.
    runner
        .withBean(ObjectStore.class, () -> new FileSystemObjectStore(folder.resolve("own")))
        .run(
            context -> {
              ObjectStoreProperties properties = context.getBean(ObjectStoreProperties.class);
              assertThat(properties.type()).isEqualTo(ObjectStoreProperties.Type.FILESYSTEM);
              assertThat(properties.filesystem().root())
                  .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "kiln-objects"));
              assertThat(properties.filesystem().isDefaultRoot()).isTrue();
            });
  }

  @Test
  void bindsS3StoreFromEnvironmentVariables() {
    Map<String, Object> environment =
        Map.of(
            "KILN_STORAGE_TYPE", "s3",
            "KILN_STORAGE_S3_ENDPOINT", s3.endpoint().toString(),
            "KILN_STORAGE_S3_REGION", "eu-west-1",
            "KILN_STORAGE_S3_BUCKET", "from-env",
            "KILN_STORAGE_S3_ACCESS_KEY", "kiln-test-access",
            "KILN_STORAGE_S3_SECRET_KEY", SECRET);
    runner
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            environment)))
        .run(
            context -> {
              ObjectStoreProperties.S3 bound = context.getBean(ObjectStoreProperties.class).s3();
              assertThat(bound.endpoint()).isEqualTo(s3.endpoint().toString());
              assertThat(bound.region()).isEqualTo("eu-west-1");
              assertThat(bound.accessKey()).isEqualTo("kiln-test-access");
              assertThat(bound.secretKey()).isEqualTo(SECRET);
              S3ObjectStore store = context.getBean(S3ObjectStore.class);
              assertThat(store.bucket()).isEqualTo("from-env");
              store.put("hello", ObjectStoreContractTest.bytes("world"));
              assertThat(TestContent.text(store.get("hello"))).isEqualTo("world");
            });
  }

  @Test
  void signsUrlsForConfiguredPublicEndpoint() {
    runner
        .withPropertyValues(
            "kiln.storage.type=s3",
            "kiln.storage.s3.endpoint=" + s3.endpoint(),
            "kiln.storage.s3.bucket=public-endpoint",
            "kiln.storage.s3.access-key=kiln-test-access",
            "kiln.storage.s3.secret-key=" + SECRET,
            "kiln.storage.s3.public-endpoint=http://localhost:" + s3.port())
        .run(
            context -> {
              ObjectStore store = context.getBean(ObjectStore.class);
              URI url = store.presignPut("a", Duration.ofMinutes(1)).orElseThrow();
              assertThat(url.getHost()).isEqualTo("localhost");
              assertThat(url.getPort()).isEqualTo(s3.port());
              assertThat(context.getBean(ObjectStoreProperties.class).toString())
                  .contains("publicEndpoint=http://localhost:");
            });
  }

  @Test
  void neverPrintsSecretKey() {
    runner
        .withPropertyValues(
            "kiln.storage.type=s3",
            "kiln.storage.s3.endpoint=" + s3.endpoint(),
            "kiln.storage.s3.access-key=kiln-test-access",
            "kiln.storage.s3.secret-key=" + SECRET)
        .run(
            context -> {
              ObjectStoreProperties properties = context.getBean(ObjectStoreProperties.class);
              assertThat(properties.s3().secretKey()).isEqualTo(SECRET);
              assertThat(properties.s3().bucket()).isEqualTo("kiln");
              assertThat(properties.toString())
                  .doesNotContain(SECRET)
                  .contains("kiln-test-access")
                  .contains("******");
              assertThat(context.getBean(ObjectStore.class).toString()).doesNotContain(SECRET);
            });
  }

  @Test
  void backsOffWhenApplicationDefinesItsOwnStore() {
    FileSystemObjectStore own = new FileSystemObjectStore(folder.resolve("own"));
    runner
        .withBean(ObjectStore.class, () -> own)
        .run(context -> assertThat(context.getBean(ObjectStore.class)).isSameAs(own));
  }
}
