package dev.kiln.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} promises. Each implementation's test extends this suite and hands
 * it an empty store for every test.
 */
abstract class ObjectStoreContractTest {

  static final long LARGE = 25L * 1024 * 1024;

  /** An empty store, new for each test. */
  protected abstract ObjectStore store();

  @Test
  void returnsWhatWasPut() {
    store().put("runs/42/outputs/model.txt", bytes("weights"));

    assertThat(TestContent.text(store().get("runs/42/outputs/model.txt"))).isEqualTo("weights");
  }

  @Test
  void storesContentOfUnknownLength() {
    store().put("a/b.txt", new ByteArrayInputStream(bytes("unknown length")), -1);

    assertThat(TestContent.text(store().get("a/b.txt"))).isEqualTo("unknown length");
  }

  @Test
  void storesEmptyObject() {
    store().put("empty", new byte[0]);

    assertThat(TestContent.text(store().get("empty"))).isEmpty();
    assertThat(store().stat("empty")).hasValueSatisfying(info -> assertThat(info.size()).isZero());
  }

  @Test
  void overwritesExistingObject() {
    store().put("a/b.txt", bytes("first"));
    String firstTag = store().stat("a/b.txt").orElseThrow().etag();

    store().put("a/b.txt", bytes("second, longer"));

    assertThat(TestContent.text(store().get("a/b.txt"))).isEqualTo("second, longer");
    assertThat(store().stat("a/b.txt").orElseThrow().etag()).isNotEqualTo(firstTag);
    assertThat(store().list("")).extracting(ObjectInfo::key).containsExactly("a/b.txt");
  }

  @Test
  void streamsLargeObjectOfUnknownLength() {
    String expected = TestContent.sha256(TestContent.generated(LARGE, 7));

    store().put("models/large.bin", TestContent.generated(LARGE, 7), -1);

    assertThat(store().stat("models/large.bin").orElseThrow().size()).isEqualTo(LARGE);
    assertThat(TestContent.sha256(store().get("models/large.bin"))).isEqualTo(expected);
  }

  @Test
  void statDescribesObject() {
    Instant before = Instant.now().minus(Duration.ofSeconds(5));
    store().put("runs/1/metrics.json", bytes("{\"loss\": 0.1}"));

    ObjectInfo info = store().stat("runs/1/metrics.json").orElseThrow();

    assertThat(info.key()).isEqualTo("runs/1/metrics.json");
    assertThat(info.size()).isEqualTo(13);
    assertThat(info.lastModified()).isBetween(before, Instant.now().plus(Duration.ofSeconds(5)));
    assertThat(info.etag()).isNotBlank().doesNotContain("\"");
  }

  @Test
  void statOfMissingKeyIsEmpty() {
    store().put("a/b", bytes("x"));

    assertThat(store().stat("missing")).isEmpty();
    assertThat(store().stat("a")).isEmpty();
    assertThat(store().stat("a/b/c")).isEmpty();
    assertThat(store().exists("a/b")).isTrue();
  }

  @Test
  void getOfMissingKeyThrowsObjectNotFound() {
    store().put("a/b", bytes("x"));

    assertThatThrownBy(() -> store().get("missing"))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> store().get("a")).isInstanceOf(ObjectNotFoundException.class);
    assertThatThrownBy(() -> store().get("a/b/c")).isInstanceOf(ObjectNotFoundException.class);
    assertThat(store().delete("a/b/c")).isFalse();
  }

  @Test
  void listsByPrefixSortedAndRecursive() {
    for (String key :
        List.of(
            "runs/1/outputs/b.txt",
            "runs/2/a",
            "runs/1/outputs/a.txt",
            "other",
            "runs/10/z",
            "runs/1/logs/x/y.log")) {
      store().put(key, bytes(key));
    }

    assertThat(store().list("runs/1/"))
        .extracting(ObjectInfo::key)
        .containsExactly("runs/1/logs/x/y.log", "runs/1/outputs/a.txt", "runs/1/outputs/b.txt");
    assertThat(store().list("runs/1"))
        .extracting(ObjectInfo::key)
        .containsExactly(
            "runs/1/logs/x/y.log", "runs/1/outputs/a.txt", "runs/1/outputs/b.txt", "runs/10/z");
    assertThat(store().list("runs/1/out"))
        .extracting(ObjectInfo::key)
        .containsExactly("runs/1/outputs/a.txt", "runs/1/outputs/b.txt");
    assertThat(store().list(""))
        .extracting(ObjectInfo::key)
        .containsExactly(
            "other",
            "runs/1/logs/x/y.log",
            "runs/1/outputs/a.txt",
            "runs/1/outputs/b.txt",
            "runs/10/z",
            "runs/2/a");
    assertThat(store().list("runs/1/outputs/a.txt"))
        .singleElement()
        .satisfies(info -> assertThat(info.size()).isEqualTo(20));
    assertThat(store().list("nothing/")).isEmpty();
  }

  @Test
  void deleteIsIdempotent() {
    store().put("a/b.txt", bytes("x"));

    assertThat(store().delete("a/b.txt")).isTrue();
    assertThat(store().delete("a/b.txt")).isFalse();
    assertThat(store().delete("never/there")).isFalse();
    assertThatThrownBy(() -> store().get("a/b.txt")).isInstanceOf(ObjectNotFoundException.class);
    assertThat(store().list("")).isEmpty();
  }

  @Test
  void deletePrefixRemovesOnlyMatchingObjects() {
    for (String key : List.of("runs/1/a", "runs/1/b/c", "runs/1/b/d/e", "runs/10/a", "runs/2/a")) {
      store().put(key, bytes(key));
    }

    assertThat(store().deletePrefix("runs/1/")).isEqualTo(3);
    assertThat(store().deletePrefix("runs/1/")).isZero();

    assertThat(store().list(""))
        .extracting(ObjectInfo::key)
        .containsExactly("runs/10/a", "runs/2/a");
    assertThat(store().deletePrefix("")).isEqualTo(2);
    assertThat(store().list("")).isEmpty();
  }

  @Test
  void failedWriteLeavesPreviousObject() {
    store().put("a/model.bin", bytes("good"));

    assertThatThrownBy(
            () -> store().put("a/model.bin", TestContent.failingAfter(bytes("partial")), 1000))
        .isInstanceOf(ObjectStoreException.class);

    assertThat(TestContent.text(store().get("a/model.bin"))).isEqualTo("good");
    assertThat(store().list("")).extracting(ObjectInfo::key).containsExactly("a/model.bin");
  }

  @Test
  void refusesContentShorterThanDeclared() {
    assertThatThrownBy(() -> store().put("short", new ByteArrayInputStream(bytes("12345")), 10))
        .isInstanceOf(ObjectStoreException.class);

    assertThat(store().list("")).isEmpty();
  }

  @Test
  void keepsKeysWithUnicodeAndSpaces() {
    String key = "data/Ünïcode names/100% done — 名前.csv";
    store().put(key, bytes("a,b"));

    assertThat(store().list("data/")).extracting(ObjectInfo::key).containsExactly(key);
    assertThat(TestContent.text(store().get(key))).isEqualTo("a,b");
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
