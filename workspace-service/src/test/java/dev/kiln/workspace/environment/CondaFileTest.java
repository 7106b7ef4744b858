package dev.kiln.workspace.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.common.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class CondaFileTest {

  private static JsonNode text(String yaml) {
    return JsonNodeFactory.instance.stringNode(yaml);
  }

  @Test
  void takesThePipSectionAndThePythonPin() {
    CondaFile conda =
        CondaFile.parse(
            text(
                """
                name: sklearn-env
                channels:
                  - conda-forge
                dependencies:
                  - python=3.8.10
                  - numpy=1.21   # a conda package: ignored
                  - pip
                  - pip:
                    - scikit-learn==1.0.2
                    - azureml-mlflow
                """));
    assertThat(conda.pip()).containsExactly("scikit-learn==1.0.2", "azureml-mlflow");
    assertThat(conda.pythonVersion()).isEqualTo("3.8");
  }

  @Test
  void readsAMappingAsWellAsText() {
    JsonNode mapping =
        JsonMapper.builder()
            .build()
            .readTree("{\"dependencies\":[\"python==3.10\",{\"pip\":[\"numpy\"]}]}");
    CondaFile conda = CondaFile.parse(mapping);
    assertThat(conda.pip()).containsExactly("numpy");
    assertThat(conda.pythonVersion()).isEqualTo("3.10");
    assertThat(conda.text()).contains("numpy");
  }

  @Test
  void takesNothingFromAFileWithoutPipOrPython() {
    CondaFile conda = CondaFile.parse(text("name: x\ndependencies:\n  - python>=3.8\n  - numpy\n"));
    assertThat(conda.pip()).isEmpty();
    assertThat(conda.pythonVersion()).isNull();
    assertThat(CondaFile.parse(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dependencies: [unclosed",
        "conda.yaml",
        "- just\n- a list\n",
        "dependencies: numpy",
        "dependencies:\n  - pip: numpy\n",
        "dependencies:\n  - pip:\n    - {nested: map}\n",
        "dependencies:\n  - 42\n",
        "key: [a\nother: }"
      })
  void refusesWhatIsNotACondaFile(String yaml) {
    assertThatThrownBy(() -> CondaFile.parse(text(yaml)))
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).code())
        .isEqualTo("invalid_conda_file");
  }
}
