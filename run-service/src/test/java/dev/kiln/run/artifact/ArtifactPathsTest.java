package dev.kiln.run.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.common.error.InvalidRequestException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathsTest {

  /** Every trick, as the decoded string a controller or service receives. */
  static Stream<String> hostilePaths() {
    return Stream.of(
        "",
        "..",
        ".",
        "../x",
        "../../../etc/passwd",
        "a/../../b",
        "a/..",
        "./a",
        "a/./b",
        "/etc/passwd",
        "//proc/self/root",
        "a//b",
        "a/",
        "C:\\Windows\\win.ini",
        "C:/Windows/win.ini",
        "c:x",
        "\\\\server\\share\\x",
        "a\\b",
        "%2e%2e/x",
        "%2E%2E/x",
        "..%2fx",
        "a%2Fb",
        "..%5cx",
        "%252e%252e/x",
        "model.pkl%3Bx=1",
        "a%23fragment",
        "a%253fquery",
        "%25252e%25252e/x",
        "%2525252f",
        "a;b",
        "a;jsessionid=1/b",
        "a#fragment",
        "a?query=1",
        "a\u0000b",
        "a%00b",
        "a\u0001b",
        "a\nb",
        "a\rb",
        "a\tb",
        "a\u007fb",
        "a\u0085b",
        "a%0ab",
        "100%25",
        "a\ud800b",
        "x".repeat(1025),
        "ü".repeat(513));
  }

  @ParameterizedTest
  @MethodSource("hostilePaths")
  void refusesPathThatCouldLeaveTheRoot(String path) {
    assertThatThrownBy(() -> ArtifactPaths.requireSafe(path))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e -> {
              InvalidRequestException refused = (InvalidRequestException) e;
              assertThat(refused.code()).isEqualTo("invalid_artifact_path");
              assertThat(refused.status().value()).isEqualTo(400);
              assertThat(refused.getMessage()).doesNotContain("\u0000").doesNotContain("\n");
            });
    assertThat(ArtifactPaths.isSafe(path)).isFalse();
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> ArtifactPaths.requireSafe(null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void saysWhichRuleIsBroken() {
    assertThat(messageFor("../x")).contains("'..' segment");
    assertThat(messageFor("/etc/passwd")).contains("absolute");
    assertThat(messageFor("C:/x")).contains("absolute");
    assertThat(messageFor("a\\b")).contains("backslash");
    assertThat(messageFor("%252e%252e/x")).contains("percent-encoding").contains("%252e");
    assertThat(messageFor("a;b")).contains("';'");
    assertThat(messageFor("a#b")).contains("'#'");
    assertThat(messageFor("a?b")).contains("'?'");
    assertThat(messageFor("a\u0000b")).contains("U+0000");
    assertThat(messageFor("a//b")).contains("empty segment");
    assertThat(messageFor("x".repeat(2000))).contains("2000 bytes").hasSizeLessThan(300);
  }

  @Test
  void refusesWithTheCodeAndNameTheCallerGives() {
    assertThatThrownBy(
            () -> ArtifactPaths.requireSafe("../x", "invalid_snapshot_path", "snapshot file path"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("The snapshot file path '../x'")
        .extracting(e -> ((InvalidRequestException) e).code())
        .isEqualTo("invalid_snapshot_path");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "model.pkl",
        "outputs/model/weights.bin",
        "a/.hidden",
        "a/..b",
        "a/b..",
        "...",
        "100% done.txt",
        "a%20b",
        "file with spaces.txt",
        "données/名前 🙂.csv",
        "model:v1.txt",
        "a/C:/b"
      })
  void acceptsOrdinaryPaths(String path) {
    assertThat(ArtifactPaths.requireSafe(path)).isEqualTo(path);
  }

  @Test
  void acceptsPathOfExactlyTheLimit() {
    String path = "x".repeat(ArtifactPaths.MAX_BYTES);

    assertThat(ArtifactPaths.requireSafe(path)).isEqualTo(path);
  }

  private static String messageFor(String path) {
    try {
      ArtifactPaths.requireSafe(path);
    } catch (InvalidRequestException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + path);
  }
}
