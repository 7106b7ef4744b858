package dev.kiln.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.embedded.EmbeddedS3;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ObjectStoreTest extends ObjectStoreContractTest {

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static EmbeddedS3 s3;
  private S3ObjectStore store;

  @BeforeAll
  static void startServer() {
    s3 = EmbeddedS3.start(null);
  }

  @AfterAll
  static void stopServer() {
    s3.close();
  }

  @BeforeEach
  void openStore() {
    store = open(s3, "test-" + BUCKETS.incrementAndGet());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Test
  void uploadsUnknownLengthInParts() {
    store.put("large.bin", TestContent.generated(LARGE, 3), -1);

    // An S3 multipart ETag ends with the number of parts: 25 MiB in 10 MiB parts is 3.
    assertThat(store.stat("large.bin").orElseThrow().etag()).endsWith("-3");
  }

  @Test
  void createsMissingBucketOnceAndReusesIt() {
    try (S3ObjectStore first = open(s3, "shared-bucket")) {
      first.put("a", bytes("kept"));
    }
    try (S3ObjectStore second = open(s3, "shared-bucket")) {
      assertThat(TestContent.text(second.get("a"))).isEqualTo("kept");
    }
  }

  @Test
  void refusesBucketNameShorterThanThreeCharacters() {
    assertThatThrownBy(() -> open(s3, "ab"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 to 63");
  }

  @Test
  void refusesWrongSecretKey() {
    assertThatThrownBy(
            () ->
                new S3ObjectStore(
                    s3.endpoint().toString(), "us-east-1", "denied", s3.accessKey(), "wrong"))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageNotContaining("wrong");
  }

  @Test
  void keepsObjectsAcrossRestartOnSameDirectory(@TempDir Path directory) {
    String expected = TestContent.sha256(TestContent.generated(1024 * 1024, 11));
    try (EmbeddedS3 durable = EmbeddedS3.start(directory);
        S3ObjectStore before = open(durable, "durable")) {
      before.put("models/m/1/model.bin", TestContent.generated(1024 * 1024, 11), -1);
      before.put("runs/1/log.txt", bytes("epoch 1"));
    }

    try (EmbeddedS3 restarted = EmbeddedS3.start(directory);
        S3ObjectStore after = open(restarted, "durable")) {
      assertThat(after.list(""))
          .extracting(ObjectInfo::key)
          .containsExactly("models/m/1/model.bin", "runs/1/log.txt");
      assertThat(TestContent.sha256(after.get("models/m/1/model.bin"))).isEqualTo(expected);
      assertThat(TestContent.text(after.get("runs/1/log.txt"))).isEqualTo("epoch 1");
    }
  }

  static S3ObjectStore open(EmbeddedS3 server, String bucket) {
    return new S3ObjectStore(
        server.endpoint().toString(), "us-east-1", bucket, server.accessKey(), server.secretKey());
  }
}
