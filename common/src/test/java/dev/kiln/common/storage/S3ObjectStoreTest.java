package dev.kiln.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kiln.embedded.EmbeddedS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ObjectStoreTest extends ObjectStoreContractTest {

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
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

  @Test
  void signsGetUrlThatReadsObject() {
    store.put("runs/1/model.bin", bytes("weights"));

    URI url = store.presignGet("runs/1/model.bin", Duration.ofMinutes(5)).orElseThrow();

    HttpResponse<String> response = send(HttpRequest.newBuilder(url).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("weights");
    assertThat(url.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
  }

  @Test
  void signsPutUrlThatWritesObject() {
    URI url = store.presignPut("runs/1/uploaded.txt", Duration.ofMinutes(5)).orElseThrow();

    HttpResponse<String> response =
        send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString("direct")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestContent.text(store.get("runs/1/uploaded.txt"))).isEqualTo("direct");
  }

  @Test
  void signedUrlDoesNotReachOtherKey() {
    store.put("runs/1/a", bytes("a"));
    store.put("runs/1/b", bytes("secret"));
    URI url = store.presignGet("runs/1/a", Duration.ofMinutes(5)).orElseThrow();

    URI other = URI.create(url.toString().replace("/runs/1/a?", "/runs/1/b?"));

    assertThat(send(HttpRequest.newBuilder(other).GET()).statusCode()).isEqualTo(403);
  }

  @Test
  void signedUrlStopsWorkingAfterItsTimeToLive() {
    store.put("short-lived", bytes("x"));
    URI url = store.presignGet("short-lived", Duration.ofSeconds(1)).orElseThrow();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> send(HttpRequest.newBuilder(url).GET()).statusCode() == 403);
  }

  @Test
  void signsUrlsForPublicEndpoint() {
    String publicEndpoint = "http://localhost:" + s3.port();
    try (S3ObjectStore behindProxy =
        new S3ObjectStore(
            s3.endpoint().toString(),
            "",
            "public-" + BUCKETS.incrementAndGet(),
            s3.accessKey(),
            s3.secretKey(),
            publicEndpoint)) {
      behindProxy.put("a.txt", bytes("reached"));

      URI url = behindProxy.presignGet("a.txt", Duration.ofMinutes(1)).orElseThrow();

      assertThat(url.getHost()).isEqualTo("localhost");
      assertThat(send(HttpRequest.newBuilder(url).GET()).body()).isEqualTo("reached");
    }
  }

  @Test
  void refusesTimeToLiveOutsideOneSecondToSevenDays() {
    for (Duration ttl :
        List.of(Duration.ZERO, Duration.ofMillis(500), Duration.ofDays(7).plusSeconds(1))) {
      assertThatThrownBy(() -> store.presignGet("a", ttl))
          .as(ttl.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("seven days");
    }
    assertThat(store.presignPut("a", ObjectStore.MAX_PRESIGN_TTL)).isPresent();
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void uploadsMultipartThroughSignedPartUrls() {
    long firstSize = 5L * 1024 * 1024;
    String key = "models/m/1/weights.bin";
    String uploadId = store.startMultipart(key);

    String firstTag = uploadPart(key, uploadId, 1, TestContent.generated(firstSize, 5), firstSize);
    String secondTag = uploadPart(key, uploadId, 2, TestContent.generated(1000, 6), 1000);
    assertThat(store.stat(key)).isEmpty();
    store.completeMultipart(
        key,
        uploadId,
        List.of(new ObjectStore.Part(2, secondTag), new ObjectStore.Part(1, firstTag)));

    String expected =
        TestContent.sha256(
            new java.io.SequenceInputStream(
                TestContent.generated(firstSize, 5), TestContent.generated(1000, 6)));
    assertThat(store.stat(key).orElseThrow().size()).isEqualTo(firstSize + 1000);
    assertThat(TestContent.sha256(store.get(key))).isEqualTo(expected);
    assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly(key);
  }

  @Test
  void refusesToCompleteUploadWithUnknownPart() {
    String uploadId = store.startMultipart("a.bin");
    String tag = uploadPart("a.bin", uploadId, 1, TestContent.generated(10, 1), 10);

    assertThatThrownBy(
            () ->
                store.completeMultipart(
                    "a.bin",
                    uploadId,
                    List.of(
                        new ObjectStore.Part(1, tag),
                        new ObjectStore.Part(2, "0123456789abcdef0123456789abcdef"))))
        .isInstanceOf(InvalidUploadPartsException.class);

    assertThat(store.stat("a.bin")).isEmpty();
    store.abortMultipart("a.bin", uploadId);
  }

  @Test
  void abortedUploadIsGoneAndLeavesNothing() {
    String uploadId = store.startMultipart("b.bin");
    String tag = uploadPart("b.bin", uploadId, 1, TestContent.generated(10, 1), 10);

    store.abortMultipart("b.bin", uploadId);

    assertThatThrownBy(
            () -> store.completeMultipart("b.bin", uploadId, List.of(new ObjectStore.Part(1, tag))))
        .isInstanceOf(UploadNotFoundException.class);
    assertThatThrownBy(() -> store.abortMultipart("b.bin", uploadId))
        .isInstanceOf(UploadNotFoundException.class);
    assertThatThrownBy(() -> store.abortMultipart("b.bin", "no-such-upload"))
        .isInstanceOf(UploadNotFoundException.class);
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void refusesPartNumbersOutsideOneToTenThousand() {
    for (int number : new int[] {0, -1, 10_001}) {
      assertThatThrownBy(() -> store.presignPart("a", "upload", number, Duration.ofMinutes(1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.presignPart("a", " ", 1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.completeMultipart("a", "upload", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.list("")).isEmpty();
  }

  /** Uploads one part through its signed URL, as a client would; answers the part's ETag. */
  private String uploadPart(
      String key, String uploadId, int number, java.io.InputStream content, long length) {
    URI url = store.presignPart(key, uploadId, number, Duration.ofMinutes(5));
    assertThat(url.getQuery()).contains("uploadId=").contains("partNumber=" + number);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(url)
                .PUT(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> content), length)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("ETag").orElseThrow();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static S3ObjectStore open(EmbeddedS3 server, String bucket) {
    return new S3ObjectStore(
        server.endpoint().toString(), "us-east-1", bucket, server.accessKey(), server.secretKey());
  }
}
