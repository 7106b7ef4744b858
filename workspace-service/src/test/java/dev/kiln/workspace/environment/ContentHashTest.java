package dev.kiln.workspace.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentHashTest {

  private static String hash(List<String> requirements) {
    return hash("python:3.11-slim", "3.11", requirements, Map.of("OMP_NUM_THREADS", "1"));
  }

  private static String hash(
      String image, String python, List<String> requirements, Map<String, String> variables) {
    return ContentHash.of(new EnvironmentContent(image, python, requirements, variables));
  }

  @Test
  void isTheSha256OfTheCanonicalDocument() {
    assertThat(hash("python:3.11-slim", null, List.of(), Map.of()))
        .isEqualTo(
            sha256(
                "{\"format\":1,\"image\":\"python:3.11-slim\",\"python_version\":null,"
                    + "\"pip_requirements\":[],\"environment_variables\":{}}"));
  }

  @Test
  void isUnchangedByWhitespaceOrderCommentsDuplicatesAndTheCaseOfNames() {
    String canonical = hash(List.of("numpy==2.1.3", "pandas<3,>=2.2", "scikit-learn==1.5.2"));
    List<String> scruffy =
        List.of(
            "# the course's pins",
            "",
            "   ",
            "  Scikit_Learn == 1.5.2   # sklearn",
            "PANDAS >= 2.2 , < 3",
            "NumPy==2.1.3",
            "numpy == 2.1.3");
    assertThat(hash(scruffy)).isEqualTo(canonical);
    assertThat(hash(List.of("scikit.learn==1.5.2", "numpy==2.1.3", "pandas>=2.2,<3")))
        .isEqualTo(canonical);
  }

  @Test
  void isUnchangedByTheOrderOfEnvironmentVariables() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("A", "1");
    forward.put("B", "2");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("B", "2");
    backward.put("A", "1");
    assertThat(hash("img", "3.11", List.of(), forward))
        .isEqualTo(hash("img", "3.11", List.of(), backward));
  }

  @Test
  void changesWithAnyPartOfTheContent() {
    String base = hash(List.of("numpy==2.1.3"));
    assertThat(hash(List.of("numpy==2.1.2"))).isNotEqualTo(base);
    assertThat(hash(List.of("numpy>=2.1.3"))).isNotEqualTo(base);
    assertThat(hash(List.of("numpy==2.1.3", "pandas"))).isNotEqualTo(base);
    assertThat(
            hash(
                "python:3.12-slim",
                "3.11",
                List.of("numpy==2.1.3"),
                Map.of("OMP_NUM_THREADS", "1")))
        .isNotEqualTo(base);
    assertThat(
            hash(
                "python:3.11-slim",
                "3.12",
                List.of("numpy==2.1.3"),
                Map.of("OMP_NUM_THREADS", "1")))
        .isNotEqualTo(base);
    assertThat(
            hash(
                "python:3.11-slim",
                "3.11",
                List.of("numpy==2.1.3"),
                Map.of("OMP_NUM_THREADS", "2")))
        .isNotEqualTo(base);
  }

  @Test
  void leavesOutDescriptionAndTags() {
    EnvironmentSpecValidator validator = new EnvironmentSpecValidator();
    EnvironmentSpec plain =
        new EnvironmentSpec(null, "e", null, null, null, null, null, List.of("numpy"), null, null);
    EnvironmentSpec described =
        new EnvironmentSpec(
            "https://azuremlschemas.azureedge.net/latest/environment.schema.json",
            "e",
            "7",
            "a description",
            Map.of("team", "vision"),
            "python:3.11-slim",
            null,
            List.of("NumPy"),
            null,
            Map.of());
    assertThat(validator.validate(described).contentHash())
        .isEqualTo(validator.validate(plain).contentHash());
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
