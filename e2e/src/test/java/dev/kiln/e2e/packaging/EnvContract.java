package dev.kiln.e2e.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration contract that every Kiln component reads from its environment (Spring relaxed
 * binding), as both docker-compose.yml and the Helm chart must provide it. See docs/deploy.md.
 */
final class EnvContract {

  static final String GATEWAY = "gateway";

  /** The six services, in the order of KILN_SERVICES_* below. */
  static final List<String> SERVICES =
      List.of(
          "workspace-service",
          "compute-service",
          "run-service",
          "registry-service",
          "deploy-service",
          "pipeline-service");

  static final List<String> COMPONENTS =
      List.of(
          GATEWAY,
          "workspace-service",
          "compute-service",
          "run-service",
          "registry-service",
          "deploy-service",
          "pipeline-service");

  /** The base-URL variable of each service: KILN_SERVICES_WORKSPACE → workspace-service. */
  static final Map<String, String> SERVICE_URL_VARIABLES = serviceUrlVariables();

  /** What every component, the gateway included, reads. */
  static final Set<String> EVERY_COMPONENT =
      Set.of(
          "SERVER_PORT",
          "SPRING_PROFILES_ACTIVE",
          "KILN_INTERNAL_SECRET",
          "KILN_SERVICES_WORKSPACE",
          "KILN_SERVICES_COMPUTE",
          "KILN_SERVICES_RUN",
          "KILN_SERVICES_REGISTRY",
          "KILN_SERVICES_DEPLOY",
          "KILN_SERVICES_PIPELINE");

  /** What only the services read: the infrastructure, which the gateway never touches. */
  static final Set<String> SERVICES_ONLY =
      Set.of(
          "SPRING_DATASOURCE_URL",
          "SPRING_DATASOURCE_USERNAME",
          "SPRING_DATASOURCE_PASSWORD",
          "SPRING_KAFKA_BOOTSTRAP_SERVERS",
          "KILN_STORAGE_TYPE",
          "KILN_STORAGE_S3_ENDPOINT",
          "KILN_STORAGE_S3_REGION",
          "KILN_STORAGE_S3_BUCKET",
          "KILN_STORAGE_S3_ACCESS_KEY",
          "KILN_STORAGE_S3_SECRET_KEY");

  /** The platform administrator's token, which workspace-service registers on start. */
  static final String ADMIN_TOKEN = "KILN_IDENTITY_ADMIN_TOKEN";

  /**
   * The master key under which workspace-service encrypts stored datastore credentials: 32 random
   * bytes in standard base64. workspace-service refuses to start without a valid one.
   */
  static final String MASTER_KEY = "KILN_SECRETS_MASTER_KEY";

  /**
   * The folders that local datastores may point into, comma-separated; workspace-service only, and
   * optional (unset: no local datastore can be made), so it is not part of {@link #readBy}.
   */
  static final String LOCAL_ROOTS = "KILN_DATASTORES_LOCAL_ROOTS";

  /** What exactly one service reads, by variable: that service, and no other component. */
  static final Map<String, String> ONE_SERVICE_ONLY =
      Map.of(ADMIN_TOKEN, "workspace-service", MASTER_KEY, "workspace-service");

  /** The variables that carry credentials: from a Secret on Kubernetes, never a literal. */
  static final Set<String> SECRETS =
      Set.of(
          "SPRING_DATASOURCE_PASSWORD",
          "KILN_STORAGE_S3_ACCESS_KEY",
          "KILN_STORAGE_S3_SECRET_KEY",
          "KILN_INTERNAL_SECRET",
          ADMIN_TOKEN,
          MASTER_KEY);

  /** The literal values that the contract fixes, wherever the component runs. */
  static final Map<String, String> FIXED_VALUES =
      Map.of(
          "SERVER_PORT", "8080",
          "SPRING_PROFILES_ACTIVE", "distributed",
          "KILN_STORAGE_TYPE", "s3");

  /** A JDBC URL of one PostgreSQL database named kiln on port 5432: group 1 is the host. */
  static final String DATASOURCE_URL_PATTERN = "jdbc:postgresql://([a-z0-9.-]+):5432/kiln";

  /** A service's base URL on port 8080: group 1 is the host. */
  static final String SERVICE_URL_PATTERN = "http://([a-z0-9.-]+):8080";

  /** A Kiln token as workspace-service accepts it: kiln_ and at least 15 URL-safe characters. */
  static final String TOKEN_PATTERN = "kiln_[A-Za-z0-9_-]{15,}";

  /** Standard base64 of exactly 32 bytes: 43 characters of the alphabet and one '=' of padding. */
  static final String MASTER_KEY_PATTERN = "[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=";

  private EnvContract() {}

  /** The bytes of a master key, failing unless it is 32 bytes in standard base64. */
  static byte[] masterKeyBytes(String value) {
    assertThat(value).as("master key").isNotNull().matches(MASTER_KEY_PATTERN);
    byte[] bytes = Base64.getDecoder().decode(value);
    assertThat(bytes).as("decoded master key").hasSize(32);
    return bytes;
  }

  static boolean isService(String component) {
    return SERVICES.contains(component);
  }

  /** Every variable that a component reads. */
  static Set<String> readBy(String component) {
    Set<String> variables = new HashSet<>(EVERY_COMPONENT);
    if (isService(component)) {
      variables.addAll(SERVICES_ONLY);
    }
    ONE_SERVICE_ONLY.forEach(
        (variable, service) -> {
          if (service.equals(component)) {
            variables.add(variable);
          }
        });
    return Set.copyOf(variables);
  }

  /** The variables of the contract that a component must not get. */
  static Set<String> notReadBy(String component) {
    Set<String> variables = new HashSet<>(SERVICES_ONLY);
    variables.addAll(ONE_SERVICE_ONLY.keySet());
    variables.removeAll(readBy(component));
    return Set.copyOf(variables);
  }

  private static Map<String, String> serviceUrlVariables() {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String service : SERVICES) {
      String key = service.substring(0, service.length() - "-service".length());
      variables.put("KILN_SERVICES_" + key.toUpperCase(Locale.ROOT), service);
    }
    return Map.copyOf(variables);
  }
}
