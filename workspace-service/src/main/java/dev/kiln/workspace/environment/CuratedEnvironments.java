package dev.kiln.workspace.environment;

import dev.kiln.common.error.InvalidRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kiln's curated environments, and the Azure ML curated environment names that stand for them. An
 * Azure ML name maps by its framework ({@code AzureML-sklearn-1.0-ubuntu20.04-py38-cpu} to {@code
 * kiln-sklearn}) whatever its version, since Azure's versions mean nothing here. Names starting
 * with {@code AzureML} are reserved, as in Azure ML.
 */
final class CuratedEnvironments {

  static final String IMAGE = "python:3.11-slim";
  static final String PYTHON = "3.11";

  /** Raise it (and keep the old one) when a curated environment's packages change. */
  static final String VERSION = "1";

  static final List<EnvironmentSpec> ALL =
      List.of(
          spec("kiln-minimal", "minimal", "Python 3.11 and nothing else.", List.of()),
          spec(
              "kiln-sklearn",
              "sklearn",
              "scikit-learn, pandas, NumPy and MLflow on Python 3.11.",
              List.of("scikit-learn==1.5.2", "pandas==2.2.3", "numpy==2.1.3", "mlflow==2.17.2")),
          spec("kiln-pytorch", "pytorch", "PyTorch on Python 3.11.", List.of("torch==2.5.1")),
          spec(
              "kiln-tensorflow",
              "tensorflow",
              "TensorFlow on Python 3.11.",
              List.of("tensorflow==2.18.0")));

  private static final String FRAMEWORKS = "(sklearn|minimal|pytorch|tensorflow)";
  private static final Pattern AZURE_NAME =
      Pattern.compile(
          "^azureml-(?:acpt-)?" + FRAMEWORKS + "(?:[-_.].*)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern REGISTRY_NAME =
      Pattern.compile(
          "^(?:azureml-)?(?:acpt-)?" + FRAMEWORKS + "(?:[-_.].*)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern REGISTRY_REFERENCE =
      Pattern.compile(
          "^azureml://registries/([^/]+)/environments/([^/]+)/(?:versions/[^/]+|labels/latest)$");

  private CuratedEnvironments() {}

  /** Whether users may not create environments of this name (Azure ML reserves the prefix). */
  static boolean isReservedName(String name) {
    return name.toLowerCase(Locale.ROOT).startsWith("azureml");
  }

  /** The curated environment an Azure ML curated name such as {@code AzureML-sklearn-…} means. */
  static Optional<String> aliasOf(String name) {
    return framework(AZURE_NAME.matcher(name));
  }

  static boolean isRegistryReference(String reference) {
    return reference.startsWith("azureml://");
  }

  /**
   * The curated environment that {@code
   * azureml://registries/azureml/environments/<name>/versions/<v>} (or {@code /labels/latest})
   * means, as Azure ML's public examples write it; empty when Kiln has no equivalent.
   */
  static Optional<String> registryAliasOf(String reference) {
    Matcher form = REGISTRY_REFERENCE.matcher(reference);
    if (!form.matches() || !form.group(1).equalsIgnoreCase("azureml")) {
      throw new InvalidRequestException(
          "invalid_reference",
          "Only Azure ML's curated environments resolve from a registry reference"
              + " (azureml://registries/azureml/environments/<name>/labels/latest); was "
              + reference);
    }
    return framework(REGISTRY_NAME.matcher(form.group(2)));
  }

  static String names() {
    return String.join(", ", ALL.stream().map(EnvironmentSpec::name).toList());
  }

  private static Optional<String> framework(Matcher matcher) {
    return matcher.matches()
        ? Optional.of("kiln-" + matcher.group(1).toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  private static EnvironmentSpec spec(
      String name, String framework, String description, List<String> requirements) {
    return new EnvironmentSpec(
        null,
        name,
        VERSION,
        description,
        Map.of("framework", framework),
        IMAGE,
        null,
        requirements,
        PYTHON,
        Map.of());
  }
}
