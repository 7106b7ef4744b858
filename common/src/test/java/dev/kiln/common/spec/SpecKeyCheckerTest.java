package dev.kiln.common.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecKeyCheckerTest {

  static final List<Object> KNOWN =
      List.of("name", "type", "path", "bucket", "endpoint", "conda_file", "environment_variables");

  @ParameterizedTest
  @CsvSource({
    "bukcet, bucket",
    "buckt, bucket",
    "endpiont, endpoint",
    "condafile, conda_file",
    "conda-file, conda_file",
    "CONDA_FILE, conda_file",
    "enviroment_variables, environment_variables",
    "nmae, name"
  })
  void takesAKeyCloseToAKnownOneForATypo(String key, String known) {
    assertThat(SpecKeyChecker.closest(key, KNOWN)).isEqualTo(known);
  }

  @ParameterizedTest
  @ValueSource(strings = {"instance_type", "identity", "resources", "tags2x", "typ3s"})
  void letsOtherKeysPassAsAzureOnly(String key) {
    assertThat(SpecKeyChecker.closest(key, KNOWN)).isNull();
  }
}
