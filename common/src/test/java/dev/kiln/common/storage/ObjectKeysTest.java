package dev.kiln.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.embedded.EmbeddedS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

  private static EmbeddedS3 s3;
  private static S3ObjectStore s3Store;

  @TempDir Path folder;

  @BeforeAll
  static void startServer() {
    s3 = EmbeddedS3.start(null);
    s3Store = S3ObjectStoreTest.open(s3, "hostile-keys");
  }

  @AfterAll
  static void stopServer() {
    s3Store.close();
    s3.close();
  }

  static Stream<String> hostileKeys() {
    return Stream.of(
        "../x",
        "a/../../x",
        "/etc/passwd",
        "a\\b",
        "a%2e%2e/b",
        "%2E%2E/x",
        "%252e%252e/x",
        "a%00b",
        "a\u0000b",
        "a//b",
        "./a",
        "k".repeat(2000),
        "",
        "   ",
        "a/",
        "a/.",
        "a/..",
        "..",
        "a%2fb",
        "a%5Cb",
        "a\nb",
        "a\u007fb",
        "a\u0085b",
        "a\ud800b");
  }

  @ParameterizedTest
  @MethodSource("hostileKeys")
  void refusesHostileKeyOnFileSystemWithNothingWritten(String key) throws IOException {
    Path root = folder.resolve("objects");
    FileSystemObjectStore store = new FileSystemObjectStore(root);

    assertRefusedEverywhere(store, key);

    assertThat(store.list("")).isEmpty();
    try (Stream<Path> everything = Files.walk(folder)) {
      assertThat(everything).containsExactlyInAnyOrder(folder, root);
    }
  }

  @ParameterizedTest
  @MethodSource("hostileKeys")
  void refusesHostileKeyOnS3WithNothingWritten(String key) {
    assertRefusedEverywhere(s3Store, key);

    assertThat(s3Store.list("")).isEmpty();
  }

  @Test
  void refusesKeyThatEscapesRoot() {
    assertThatThrownBy(() -> ObjectKeys.requireValidKey("a/../../etc/passwd"))
        .isInstanceOf(InvalidObjectKeyException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Object key 'a/../../etc/passwd' must not contain '.' or '..' segments");
  }

  @Test
  void explainsWhichRuleIsBroken() {
    assertThat(messageFor("/etc/passwd")).contains("must be relative");
    assertThat(messageFor("a\\b")).contains("backslash");
    assertThat(messageFor("%252e%252e/x")).contains("percent-encode").contains("%25");
    assertThat(messageFor("a\u0000b")).contains("control").contains("U+0000").doesNotContain("\0");
    assertThat(messageFor("a//b")).contains("empty segments");
    assertThat(messageFor("k".repeat(2000))).contains("2000 bytes").hasSizeLessThan(300);
    assertThat(messageFor("ü".repeat(513))).contains("1026 bytes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "runs/42/outputs/model.onnx",
        "snapshots/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "a/.hidden",
        "a/..b",
        "a/b..",
        "100% done.txt",
        "a%20b",
        "a%e2%82%ac",
        "données/名前 🙂.csv"
      })
  void acceptsOrdinaryKeys(String key) {
    assertThat(ObjectKeys.requireValidKey(key)).isEqualTo(key);
    assertThat(ObjectKeys.isValidKey(key)).isTrue();
  }

  @Test
  void acceptsKeyOfExactlyMaximumLength() {
    String key = "k".repeat(ObjectKeys.MAX_KEY_BYTES);

    assertThat(ObjectKeys.requireValidKey(key)).isEqualTo(key);
    assertThat(ObjectKeys.isValidKey(key + "k")).isFalse();
    assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "a/", "runs/42/", "runs/4"})
  void acceptsPrefixesThatMayBeEmptyOrEndWithSlash(String prefix) {
    assertThat(ObjectKeys.requireValidPrefix(prefix)).isEqualTo(prefix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "//", "a//", "../", "a/../", "/a", "%2e%2e/", "a\\", " "})
  void refusesHostilePrefixes(String prefix) {
    assertThatThrownBy(() -> ObjectKeys.requireValidPrefix(prefix))
        .isInstanceOf(InvalidObjectKeyException.class);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> ObjectKeys.requireValidKey(null))
        .isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> ObjectKeys.requireValidPrefix(null))
        .isInstanceOf(InvalidObjectKeyException.class);
  }

  private static void assertRefusedEverywhere(ObjectStore store, String key) {
    byte[] content = "planted".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.put(key, content)).isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> store.get(key)).isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> store.stat(key)).isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> store.delete(key)).isInstanceOf(InvalidObjectKeyException.class);
    Duration ttl = Duration.ofMinutes(1);
    assertThatThrownBy(() -> store.presignGet(key, ttl))
        .isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> store.presignPut(key, ttl))
        .isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> store.startMultipart(key))
        .isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> store.presignPart(key, "upload", 1, ttl))
        .isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> store.abortMultipart(key, "upload"))
        .isInstanceOf(InvalidObjectKeyException.class);
    if (!key.isEmpty() && !key.equals("a/")) {
      assertThatThrownBy(() -> store.list(key)).isInstanceOf(InvalidObjectKeyException.class);
      assertThatThrownBy(() -> store.deletePrefix(key))
          .isInstanceOf(InvalidObjectKeyException.class);
    }
  }

  private static String messageFor(String key) {
    try {
      ObjectKeys.requireValidKey(key);
    } catch (InvalidObjectKeyException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + key);
  }
}
