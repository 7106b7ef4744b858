package dev.kiln.common.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.common.error.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AssetReferenceTest {

  @ParameterizedTest
  @CsvSource({
    "azureml:wine-model:3, wine-model, 3",
    "azureml:sklearn-env@latest, sklearn-env, latest",
    "azureml:sklearn-env, sklearn-env, latest",
    "wine:2, wine, 2",
    "AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:12, AzureML-sklearn-1.0-ubuntu20.04-py38-cpu, 12"
  })
  void readsTheFormsSpecsUse(String text, String name, String version) {
    assertThat(AssetReference.parse(text)).isEqualTo(new AssetReference(name, version));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "azureml:", "azureml:a:b:c", "azureml:../x:1", "azureml:a@2", "azureml:a b:1"})
  void refusesAnythingElse(String text) {
    assertThatThrownBy(() -> AssetReference.parse(text))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void numbersAutomaticVersionsAfterTheHighestWholeNumber() {
    assertThat(Versions.next(List.of())).isEqualTo("1");
    assertThat(Versions.next(List.of("1", "2", "10", "v3", "2024.1"))).isEqualTo("11");
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "LATEST", "", "-1", "a/b", "1 2"})
  void refusesAReservedOrMalformedVersion(String version) {
    assertThatThrownBy(() -> Versions.requireValid(version))
        .isInstanceOf(InvalidRequestException.class);
  }
}
