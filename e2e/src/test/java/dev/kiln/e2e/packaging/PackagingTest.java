package dev.kiln.e2e.packaging;

import static dev.kiln.e2e.packaging.EnvContract.ADMIN_TOKEN;
import static dev.kiln.e2e.packaging.EnvContract.COMPONENTS;
import static dev.kiln.e2e.packaging.EnvContract.DATASOURCE_URL_PATTERN;
import static dev.kiln.e2e.packaging.EnvContract.EVERY_COMPONENT;
import static dev.kiln.e2e.packaging.EnvContract.FIXED_VALUES;
import static dev.kiln.e2e.packaging.EnvContract.GATEWAY;
import static dev.kiln.e2e.packaging.EnvContract.LOCAL_ROOTS;
import static dev.kiln.e2e.packaging.EnvContract.MASTER_KEY;
import static dev.kiln.e2e.packaging.EnvContract.SECRETS;
import static dev.kiln.e2e.packaging.EnvContract.SERVICES;
import static dev.kiln.e2e.packaging.EnvContract.SERVICES_ONLY;
import static dev.kiln.e2e.packaging.EnvContract.SERVICE_URL_PATTERN;
import static dev.kiln.e2e.packaging.EnvContract.SERVICE_URL_VARIABLES;
import static dev.kiln.e2e.packaging.EnvContract.TOKEN_PATTERN;
import static dev.kiln.e2e.packaging.EnvContract.masterKeyBytes;
import static dev.kiln.e2e.packaging.EnvContract.notReadBy;
import static dev.kiln.e2e.packaging.EnvContract.readBy;
import static dev.kiln.e2e.packaging.RenderedChart.literal;
import static dev.kiln.e2e.packaging.RenderedChart.resolvePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The distributed packaging: the Helm chart (rendered by the real helm, read back as typed
 * Kubernetes objects) and docker-compose.yml (validated and resolved by the real docker-compose)
 * both give every component the configuration contract of {@link EnvContract}.
 *
 * <p>Needs helm and docker-compose: {@code .ci/install-tools} installs both.
 */
class PackagingTest {

  private static final String RELEASE = "kiln";
  private static final String CHART = "deploy/helm/kiln";
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Values that a real installation would override, all at once. */
  private static final String OVERRIDES =
      """
      image:
        registry: registry.example.com/ml
        tag: "2.3.4"
      postgresql:
        host: db.example.com
        existingSecret: kiln-database
      kafka:
        bootstrapServers: kafka-0.kafka:9092,kafka-1.kafka:9092
      s3:
        endpoint: https://s3.eu-west-1.amazonaws.com
        region: eu-west-1
        bucket: kiln-artifacts
        existingSecret: kiln-s3
      internalSecret:
        existingSecret: kiln-internal
      adminToken:
        existingSecret: kiln-admin
        existingSecretKey: token
      masterKey:
        existingSecret: kiln-master
        existingSecretKey: key
      datastores:
        localRoots:
          - /srv/kiln/datastores
          - /mnt/shared
      components:
        run-service:
          replicas: 3
          resources:
            limits:
              memory: 2Gi
        gateway:
          service:
            type: LoadBalancer
      """;

  @TempDir static Path scratch;

  private static Path root;

  @BeforeAll
  static void findRepository() {
    root = Tooling.repositoryRoot();
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class HelmChart {

    private Path helm;
    private Map<String, String> environment;
    private Path overrides;
    private RenderedChart defaults;
    private RenderedChart overridden;
    private RenderedChart ownAdminToken;
    private RenderedChart ownMasterKey;

    @BeforeAll
    void renderTheChart() throws IOException {
      helm = Tooling.helm(root);
      // Keep helm's own state out of the developer's home.
      environment =
          Map.of(
              "HELM_CACHE_HOME", scratch.resolve("helm-cache").toString(),
              "HELM_CONFIG_HOME", scratch.resolve("helm-config").toString(),
              "HELM_DATA_HOME", scratch.resolve("helm-data").toString());
      overrides = Files.writeString(scratch.resolve("overrides.yaml"), OVERRIDES);
      defaults = render();
      overridden = render("--values", overrides.toString());
      ownAdminToken = render("--set", "adminToken.existingSecret=kiln-admin");
      ownMasterKey = render("--set", "masterKey.existingSecret=kiln-master");
    }

    private RenderedChart render(String... extra) {
      return render(root.resolve(CHART), extra);
    }

    private RenderedChart render(Path chart, String... extra) {
      List<String> command = Tooling.command(helm, "template", RELEASE, chart.toString());
      command.addAll(List.of(extra));
      String yaml = Tooling.run(root, environment, command).assertSucceeded().stdout();
      return RenderedChart.parse(RELEASE, yaml);
    }

    @Test
    void passesHelmLintWithDefaultAndOverriddenValues() {
      for (List<String> command :
          List.of(
              Tooling.command(helm, "lint", "--strict", CHART),
              Tooling.command(helm, "lint", "--strict", CHART, "--values", overrides.toString()))) {
        Tooling.Result lint = Tooling.run(root, environment, command).assertSucceeded();
        assertThat(lint.stdout()).contains("1 chart(s) linted, 0 chart(s) failed");
      }
    }

    @Test
    void rendersOneDeploymentAndOneServicePerComponent() {
      List<String> names = COMPONENTS.stream().map(defaults::objectName).toList();
      assertThat(defaults.all(Deployment.class))
          .extracting(d -> d.getMetadata().getName())
          .containsExactlyInAnyOrderElementsOf(names);
      assertThat(defaults.all(Service.class))
          .extracting(s -> s.getMetadata().getName())
          .containsExactlyInAnyOrderElementsOf(names);

      for (String component : COMPONENTS) {
        Deployment deployment = defaults.deployment(component);
        Service service = defaults.service(component);
        Map<String, String> selector = service.getSpec().getSelector();
        assertThat(selector)
            .as("Service %s selects exactly its Deployment's pods", component)
            .isEqualTo(deployment.getSpec().getSelector().getMatchLabels())
            .containsEntry("app.kubernetes.io/component", component);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
            .containsAllEntriesOf(selector);

        Container container = defaults.container(component);
        assertThat(container.getPorts())
            .singleElement()
            .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
        ServicePort port = service.getSpec().getPorts().get(0);
        assertThat(port.getPort()).isEqualTo(8080);
        assertThat(resolvePort(container, port.getTargetPort())).isEqualTo(8080);
      }
    }

    @Test
    void tagsEveryImageWithTheChartsAppVersionByDefault() throws IOException {
      String appVersion =
          YAML.readTree(root.resolve(CHART).resolve("Chart.yaml").toFile())
              .path("appVersion")
              .asString();
      assertThat(appVersion).isNotBlank();
      for (String component : COMPONENTS) {
        assertThat(defaults.container(component).getImage())
            .isEqualTo("kiln/" + component + ":" + appVersion);
      }
    }

    @Test
    void probesActuatorLivenessAndReadinessOnTheHttpPort() {
      for (String component : COMPONENTS) {
        Container container = defaults.container(component);
        assertProbe(container, container.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(container, container.getReadinessProbe(), "/actuator/health/readiness");
      }
    }

    private void assertProbe(Container container, Probe probe, String path) {
      assertThat(probe).as("%s probe %s", container.getName(), path).isNotNull();
      assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
      assertThat(resolvePort(container, probe.getHttpGet().getPort())).isEqualTo(8080);
    }

    @Test
    void setsCpuAndMemoryRequestsAndLimitsOnEveryContainer() {
      for (String component : COMPONENTS) {
        ResourceRequirements resources = defaults.container(component).getResources();
        for (String resource : List.of("cpu", "memory")) {
          Quantity request = resources.getRequests().get(resource);
          Quantity limit = resources.getLimits().get(resource);
          assertThat(request).as("%s request of %s", resource, component).isNotNull();
          assertThat(limit).as("%s limit of %s", resource, component).isNotNull();
          assertThat(Quantity.getAmountInBytes(limit))
              .as("%s limit of %s is at least its request", resource, component)
              .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(request));
        }
      }
    }

    @Test
    void annotatesEveryPodForPrometheusScraping() {
      for (String component : COMPONENTS) {
        assertThat(defaults.deployment(component).getSpec().getTemplate().getMetadata())
            .satisfies(
                pod ->
                    assertThat(pod.getAnnotations())
                        .containsEntry("prometheus.io/scrape", "true")
                        .containsEntry("prometheus.io/path", "/actuator/prometheus")
                        .containsEntry("prometheus.io/port", "8080"));
      }
    }

    @Test
    void givesEveryServiceTheWholeConfigurationContract() {
      for (String service : SERVICES) {
        Map<String, EnvVar> env = defaults.env(service);
        assertThat(env.keySet())
            .as(service)
            .containsAll(EVERY_COMPONENT)
            .containsAll(SERVICES_ONLY)
            .containsAll(readBy(service))
            .filteredOn(notReadBy(service)::contains)
            .isEmpty();
        FIXED_VALUES.forEach((name, value) -> assertThat(literal(env, name)).isEqualTo(value));
        assertThat(literal(env, "SPRING_DATASOURCE_URL"))
            .isEqualTo("jdbc:postgresql://postgresql:5432/kiln")
            .matches(DATASOURCE_URL_PATTERN);
        assertThat(literal(env, "SPRING_DATASOURCE_USERNAME")).isEqualTo("kiln");
        assertThat(literal(env, "SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
        assertThat(literal(env, "KILN_STORAGE_S3_ENDPOINT")).isEqualTo("http://minio:9000");
        assertThat(literal(env, "KILN_STORAGE_S3_REGION")).isEqualTo("us-east-1");
        assertThat(literal(env, "KILN_STORAGE_S3_BUCKET")).isEqualTo("kiln");
        assertServiceUrlsReachRenderedServices(env);
      }
    }

    @Test
    void givesTheGatewayTheServiceUrlsButNoInfrastructureSettings() {
      Map<String, EnvVar> env = defaults.env(GATEWAY);
      assertThat(env.keySet())
          .containsAll(EVERY_COMPONENT)
          .containsAll(readBy(GATEWAY))
          .doesNotContainAnyElementsOf(SERVICES_ONLY)
          .filteredOn(notReadBy(GATEWAY)::contains)
          .isEmpty();
      assertThat(literal(env, "SERVER_PORT")).isEqualTo("8080");
      assertThat(literal(env, "SPRING_PROFILES_ACTIVE")).isEqualTo("distributed");
      assertServiceUrlsReachRenderedServices(env);
    }

    private void assertServiceUrlsReachRenderedServices(Map<String, EnvVar> env) {
      SERVICE_URL_VARIABLES.forEach(
          (variable, service) -> {
            Matcher url = Pattern.compile(SERVICE_URL_PATTERN).matcher(literal(env, variable));
            assertThat(url.matches()).as("%s is a base URL on port 8080", variable).isTrue();
            Service target = defaults.service(service);
            assertThat(url.group(1)).isEqualTo(target.getMetadata().getName());
            assertThat(target.getSpec().getPorts()).extracting(ServicePort::getPort).contains(8080);
          });
    }

    @Test
    void takesEveryCredentialFromAKeyOfTheChartsSecretNeverFromALiteral() {
      for (String component : COMPONENTS) {
        Map<String, EnvVar> env = defaults.env(component);
        Set<String> expected = new HashSet<>(SECRETS);
        expected.retainAll(readBy(component));
        for (String name : expected) {
          EnvVar variable = env.get(name);
          assertThat(variable).as("%s of %s", name, component).isNotNull();
          assertThat(variable.getValue()).as("%s of %s is no literal", name, component).isNull();
          SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
          assertThat(ref).as("%s of %s comes from a Secret", name, component).isNotNull();
          Secret secret = defaults.secret(ref.getName());
          assertThat(secret.getData()).containsKey(ref.getKey());
        }
      }
      // Generated when not given, so that no two installations share them.
      Secret secret = defaults.secret(RELEASE);
      assertThat(secret.getData().get("internal-secret")).isNotBlank();
      assertThat(decoded(secret, "admin-token"))
          .matches(TOKEN_PATTERN)
          .matches("kiln_[A-Za-z0-9]{43}");
      masterKeyBytes(decoded(secret, "master-key"));
    }

    @Test
    void generatesAMasterKeyOf32RandomBytesInBase64() {
      // The Secret's data is base64 of the variable's value, which is itself base64 of the key.
      String generated = decoded(defaults.secret(RELEASE), "master-key");
      assertThat(generated).hasSize(44).endsWith("=");
      byte[] key = masterKeyBytes(generated);
      // Generated at each render (the cluster's copy is kept on upgrade), never a fixed value.
      byte[] other = masterKeyBytes(decoded(ownAdminToken.secret(RELEASE), "master-key"));
      assertThat(key).isNotEqualTo(other);
    }

    private static String decoded(Secret secret, String key) {
      String data = secret.getData().get(key);
      assertThat(data).as("key %s of Secret %s", key, secret.getMetadata().getName()).isNotNull();
      return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    }

    @Test
    void givesTheAdminTokenToWorkspaceServiceAloneFromASecretKeyRef() {
      assertWorkspaceServiceAloneReadsFromSecret(
          ADMIN_TOKEN,
          List.of(
              Map.entry(defaults, RELEASE + "/admin-token"),
              Map.entry(ownAdminToken, "kiln-admin/admin-token"),
              Map.entry(ownMasterKey, RELEASE + "/admin-token"),
              Map.entry(overridden, "kiln-admin/token")));
    }

    @Test
    void givesTheMasterKeyToWorkspaceServiceAloneFromASecretKeyRef() {
      assertWorkspaceServiceAloneReadsFromSecret(
          MASTER_KEY,
          List.of(
              Map.entry(defaults, RELEASE + "/master-key"),
              Map.entry(ownAdminToken, RELEASE + "/master-key"),
              Map.entry(ownMasterKey, "kiln-master/master-key"),
              Map.entry(overridden, "kiln-master/key")));
    }

    /** Each rendering gives the variable to workspace-service alone, from that Secret's key. */
    private void assertWorkspaceServiceAloneReadsFromSecret(
        String name, List<Map.Entry<RenderedChart, String>> expected) {
      for (Map.Entry<RenderedChart, String> rendered : expected) {
        for (String component : COMPONENTS) {
          Map<String, EnvVar> env = rendered.getKey().env(component);
          if (!component.equals("workspace-service")) {
            assertThat(env).as(component).doesNotContainKey(name);
            continue;
          }
          EnvVar variable = env.get(name);
          assertThat(variable).as("%s of %s", name, component).isNotNull();
          assertThat(variable.getValue()).as("%s is no literal", name).isNull();
          SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
          assertThat(ref).as("%s comes from a Secret", name).isNotNull();
          assertThat(ref.getName() + "/" + ref.getKey()).isEqualTo(rendered.getValue());
        }
      }
    }

    @Test
    void keepsTheOtherCredentialsInItsSecretWhenTheAdminTokenIsInAnExistingOne() {
      Secret secret = ownAdminToken.secret(RELEASE);
      assertThat(secret.getData())
          .doesNotContainKey("admin-token")
          .containsKeys(
              "internal-secret",
              "database-password",
              "s3-access-key",
              "s3-secret-key",
              "master-key");
      Map<String, EnvVar> env = ownAdminToken.env("workspace-service");
      assertThat(env.get("KILN_INTERNAL_SECRET").getValueFrom().getSecretKeyRef().getName())
          .isEqualTo(RELEASE);
    }

    @Test
    void keepsTheOtherCredentialsInItsSecretWhenTheMasterKeyIsInAnExistingOne() {
      Secret secret = ownMasterKey.secret(RELEASE);
      assertThat(secret.getData())
          .doesNotContainKey("master-key")
          .containsKeys(
              "internal-secret",
              "database-password",
              "s3-access-key",
              "s3-secret-key",
              "admin-token");
      Map<String, EnvVar> env = ownMasterKey.env("workspace-service");
      assertThat(env.get(ADMIN_TOKEN).getValueFrom().getSecretKeyRef().getName())
          .isEqualTo(RELEASE);
    }

    @Test
    void allowsNoLocalDatastoreFolderByDefault() {
      for (RenderedChart rendered : List.of(defaults, ownAdminToken, ownMasterKey)) {
        for (String component : COMPONENTS) {
          assertThat(rendered.env(component)).as(component).doesNotContainKey(LOCAL_ROOTS);
        }
      }
    }

    @Test
    void givesTheLocalDatastoreFoldersToWorkspaceServiceAloneJoinedByCommas() {
      for (String component : COMPONENTS) {
        Map<String, EnvVar> env = overridden.env(component);
        if (component.equals("workspace-service")) {
          assertThat(literal(env, LOCAL_ROOTS)).isEqualTo("/srv/kiln/datastores,/mnt/shared");
        } else {
          assertThat(env).as(component).doesNotContainKey(LOCAL_ROOTS);
        }
      }
      RenderedChart oneFolder = render("--set", "datastores.localRoots={/data/kiln}");
      assertThat(literal(oneFolder.env("workspace-service"), LOCAL_ROOTS)).isEqualTo("/data/kiln");
    }

    @Test
    void runsJobsAsKubernetesJobsInTheReleaseNamespaceReportingToTheGateway() {
      RenderedChart inNamespace =
          render("--namespace", "ml", "--set", "jobs.registry=registry.example.com/ml");
      for (String component : COMPONENTS) {
        Map<String, EnvVar> env = inNamespace.env(component);
        if (!component.equals("compute-service")) {
          assertThat(env.keySet())
              .as(component)
              .noneMatch(name -> name.startsWith("KILN_COMPUTE_"));
          continue;
        }
        assertThat(literal(env, "KILN_COMPUTE_DEFAULT_BACKEND")).isEqualTo("kubernetes");
        assertThat(literal(env, "KILN_COMPUTE_KUBERNETES_ENABLED")).isEqualTo("true");
        assertThat(literal(env, "KILN_COMPUTE_KUBERNETES_NAMESPACE")).isEqualTo("ml");
        assertThat(literal(env, "KILN_COMPUTE_API_URL"))
            .isEqualTo("http://" + inNamespace.service(GATEWAY).getMetadata().getName() + ":8080");
        assertThat(literal(env, "KILN_COMPUTE_KUBERNETES_REGISTRY"))
            .isEqualTo("registry.example.com/ml");
      }
      // The launcher's ServiceAccount is what compute-service runs as, so it may create the Jobs.
      assertThat(inNamespace.deployment("compute-service").getSpec().getTemplate().getSpec())
          .satisfies(pod -> assertThat(pod.getServiceAccountName()).endsWith("-launcher"));
      assertThat(defaults.env("compute-service"))
          .doesNotContainKey("KILN_COMPUTE_KUBERNETES_REGISTRY");
    }

    /**
     * NOTES.txt, which `helm template` does not print, rendered by helm all the same: a copy of the
     * chart carries it as a ConfigMap's data.
     */
    @Test
    void notesTellHowToReadTheAdminTokenAndTheMasterKeyOutOfTheirSecrets() throws IOException {
      Path chart = scratch.resolve("chart-with-notes");
      Path source = root.resolve(CHART);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : files.toList()) {
          Path target = chart.resolve(source.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
      Files.move(chart.resolve("templates/NOTES.txt"), chart.resolve("notes.txt"));
      Files.writeString(
          chart.resolve("templates/notes.yaml"),
          """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: notes
          data:
            notes: {{ tpl (.Files.Get "notes.txt") . | quote }}
          """);
      // The same values as the charts rendered above, each with where its secrets are.
      List<Map.Entry<RenderedChart, List<String>>> renderings =
          List.of(
              Map.entry(defaults, List.of()),
              Map.entry(overridden, List.of("--values", overrides.toString())),
              Map.entry(ownAdminToken, List.of("--set", "adminToken.existingSecret=kiln-admin")),
              Map.entry(ownMasterKey, List.of("--set", "masterKey.existingSecret=kiln-master")));
      for (Map.Entry<RenderedChart, List<String>> rendering : renderings) {
        List<String> arguments =
            new ArrayList<>(List.of("--namespace", "kiln", "--show-only", "templates/notes.yaml"));
        arguments.addAll(rendering.getValue());
        ConfigMap notes =
            render(chart, arguments.toArray(String[]::new))
                .find(ConfigMap.class, "notes")
                .orElseGet(() -> fail("NOTES.txt was not rendered"));
        Map<String, EnvVar> env = rendering.getKey().env("workspace-service");
        String read = readCommand(env.get(ADMIN_TOKEN).getValueFrom().getSecretKeyRef());
        assertThat(notes.getData().get("notes"))
            .as("NOTES.txt with %s", rendering.getValue())
            .contains(read)
            .contains("KILN_TOKEN=\"$(" + read + ")\" ./kiln workspace list")
            .contains(readCommand(env.get(MASTER_KEY).getValueFrom().getSecretKeyRef()));
      }
    }

    private static String readCommand(SecretKeySelector ref) {
      return "kubectl get secret --namespace kiln %s -o jsonpath='{.data.%s}' | base64 -d"
          .formatted(ref.getName(), ref.getKey());
    }

    @Test
    void exposesTheGatewayAsClusterIpByDefault() {
      for (String component : COMPONENTS) {
        assertThat(defaults.service(component).getSpec().getType()).isEqualTo("ClusterIP");
      }
    }

    @Test
    void appliesOverriddenReplicasAndImageTag() {
      for (String component : COMPONENTS) {
        assertThat(overridden.deployment(component).getSpec().getReplicas())
            .as("replicas of %s", component)
            .isEqualTo(component.equals("run-service") ? 3 : 1);
        assertThat(overridden.container(component).getImage())
            .isEqualTo("registry.example.com/ml/kiln/" + component + ":2.3.4");
      }
    }

    @Test
    void mergesComponentResourcesOverTheDefaults() {
      ResourceRequirements runService = overridden.container("run-service").getResources();
      ResourceRequirements defaulted = overridden.container("registry-service").getResources();
      assertThat(runService.getLimits().get("memory")).isEqualTo(new Quantity("2Gi"));
      assertThat(runService.getLimits().get("cpu")).isEqualTo(defaulted.getLimits().get("cpu"));
      assertThat(runService.getRequests()).isEqualTo(defaulted.getRequests());
    }

    @Test
    void exposesTheGatewayWithTheConfiguredServiceType() {
      assertThat(overridden.service(GATEWAY).getSpec().getType()).isEqualTo("LoadBalancer");
      for (String service : SERVICES) {
        assertThat(overridden.service(service).getSpec().getType()).isEqualTo("ClusterIP");
      }
    }

    @Test
    void pointsEveryServiceAtTheExternalInfrastructure() {
      for (String service : SERVICES) {
        Map<String, EnvVar> env = overridden.env(service);
        assertThat(literal(env, "SPRING_DATASOURCE_URL"))
            .isEqualTo("jdbc:postgresql://db.example.com:5432/kiln");
        assertThat(literal(env, "SPRING_KAFKA_BOOTSTRAP_SERVERS"))
            .isEqualTo("kafka-0.kafka:9092,kafka-1.kafka:9092");
        assertThat(literal(env, "KILN_STORAGE_S3_ENDPOINT"))
            .isEqualTo("https://s3.eu-west-1.amazonaws.com");
        assertThat(literal(env, "KILN_STORAGE_S3_REGION")).isEqualTo("eu-west-1");
        assertThat(literal(env, "KILN_STORAGE_S3_BUCKET")).isEqualTo("kiln-artifacts");
      }
    }

    @Test
    void readsCredentialsFromExistingSecretsAndRendersNoSecretOfItsOwn() {
      assertThat(overridden.all(Secret.class)).isEmpty();
      Map<String, String> expected =
          Map.ofEntries(
              Map.entry("SPRING_DATASOURCE_PASSWORD", "kiln-database/password"),
              Map.entry("KILN_STORAGE_S3_ACCESS_KEY", "kiln-s3/access-key"),
              Map.entry("KILN_STORAGE_S3_SECRET_KEY", "kiln-s3/secret-key"),
              Map.entry("KILN_INTERNAL_SECRET", "kiln-internal/internal-secret"),
              Map.entry(ADMIN_TOKEN, "kiln-admin/token"),
              Map.entry(MASTER_KEY, "kiln-master/key"));
      for (String component : COMPONENTS) {
        Map<String, EnvVar> env = overridden.env(component);
        assertThat(env.keySet())
            .as(component)
            .containsAll(readBy(component))
            .filteredOn(notReadBy(component)::contains)
            .isEmpty();
        expected.forEach(
            (name, reference) -> {
              if (env.containsKey(name)) {
                SecretKeySelector ref = env.get(name).getValueFrom().getSecretKeyRef();
                assertThat(ref.getName() + "/" + ref.getKey()).as(name).isEqualTo(reference);
              }
            });
        assertThat(env).containsKey("KILN_INTERNAL_SECRET");
      }
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class DockerCompose {

    private static final List<String> INFRASTRUCTURE =
        List.of("postgres", "kafka", "minio", "minio-create-bucket");

    private static final Map<String, String> CREDENTIALS =
        Map.of(
            "KILN_DB_PASSWORD", "database-password-from-env",
            "KILN_S3_ACCESS_KEY", "access-key-from-env",
            "KILN_S3_SECRET_KEY", "secret-key-from-env",
            "KILN_INTERNAL_SECRET", "internal-secret-from-env",
            "KILN_ADMIN_TOKEN", "kiln_admin-token-from-env",
            "KILN_MASTER_KEY", randomMasterKey());

    /** Which variable of CREDENTIALS sets each variable that workspace-service alone reads. */
    private static final Map<String, String> WORKSPACE_SERVICE_CREDENTIALS =
        Map.of(ADMIN_TOKEN, "KILN_ADMIN_TOKEN", MASTER_KEY, "KILN_MASTER_KEY");

    private static String randomMasterKey() {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      return Base64.getEncoder().encodeToString(key);
    }

    private Path dockerCompose;
    private JsonNode defaults;
    private JsonNode customised;

    @BeforeAll
    void resolveTheComposeFile() {
      dockerCompose = Tooling.dockerCompose();
      defaults = config(Map.of());
      Map<String, String> environment = new HashMap<>(CREDENTIALS);
      environment.put("KILN_VERSION", "3.1.4");
      customised = config(environment);
    }

    /**
     * The file as docker-compose resolves it: anchors, merge keys and ${…} substituted. That is
     * what the engine would run, so it is what the assertions read.
     */
    private JsonNode config(Map<String, String> environment) {
      Tooling.Result config =
          Tooling.run(
                  root,
                  environment,
                  Tooling.command(dockerCompose, "-f", "docker-compose.yml", "config"))
              .assertSucceeded();
      return YAML.readTree(config.stdout()).path("services");
    }

    private static Map<String, String> env(JsonNode services, String name) {
      JsonNode environment = services.path(name).path("environment");
      Map<String, String> env = new HashMap<>();
      environment.properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
      return env;
    }

    @Test
    void passesDockerComposeValidation() {
      Tooling.Result result =
          Tooling.run(
                  root,
                  Map.of(),
                  Tooling.command(dockerCompose, "-f", "docker-compose.yml", "config", "-q"))
              .assertSucceeded();
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr()).as("docker-compose warnings").isEmpty();
    }

    @Test
    void declaresTheInfrastructureWithHealthchecks() {
      assertThat(defaults.propertyNames()).containsAll(INFRASTRUCTURE);
      assertThat(defaults.path("postgres").path("image").asString()).isEqualTo("postgres:17");
      assertThat(defaults.path("kafka").path("image").asString()).startsWith("apache/kafka:");
      assertThat(env(defaults, "kafka").get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
      assertThat(defaults.path("minio").path("image").asString()).startsWith("minio/minio");
      for (String healthy : List.of("postgres", "kafka", "minio")) {
        assertThat(defaults.path(healthy).path("healthcheck").path("test").isEmpty())
            .as("%s has a healthcheck", healthy)
            .isFalse();
      }
    }

    @Test
    void createsTheKilnBucketOnceMinioIsHealthy() {
      JsonNode bucket = defaults.path("minio-create-bucket");
      assertThat(bucket.path("image").asString()).startsWith("minio/mc");
      assertThat(bucket.path("depends_on").path("minio").path("condition").asString())
          .isEqualTo("service_healthy");
      assertThat(bucket.path("entrypoint").toString()).contains("mc mb").contains("kiln/kiln");
      assertThat(bucket.path("restart").asString()).isEqualTo("no");
    }

    @Test
    void runsEveryComponentFromItsJibImageTaggedWithKilnVersion() {
      for (String component : COMPONENTS) {
        assertThat(defaults.path(component).path("image").asString())
            .isEqualTo("kiln/" + component + ":latest");
        assertThat(customised.path(component).path("image").asString())
            .isEqualTo("kiln/" + component + ":3.1.4");
      }
    }

    @Test
    void composesEveryServiceWithTheWholeConfigurationContract() {
      for (String service : SERVICES) {
        Map<String, String> env = env(defaults, service);
        assertThat(env.keySet())
            .as(service)
            .containsAll(EVERY_COMPONENT)
            .containsAll(SERVICES_ONLY)
            .containsAll(readBy(service))
            .filteredOn(notReadBy(service)::contains)
            .isEmpty();
        FIXED_VALUES.forEach((name, value) -> assertThat(env.get(name)).isEqualTo(value));

        Matcher datasource =
            Pattern.compile(DATASOURCE_URL_PATTERN).matcher(env.get("SPRING_DATASOURCE_URL"));
        assertThat(datasource.matches()).isTrue();
        assertThat(datasource.group(1)).isEqualTo("postgres");
        assertThat(env.get("SPRING_DATASOURCE_USERNAME"))
            .isEqualTo(env(defaults, "postgres").get("POSTGRES_USER"));
        assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
        assertThat(env.get("KILN_STORAGE_S3_ENDPOINT")).isEqualTo("http://minio:9000");
        assertThat(env.get("KILN_STORAGE_S3_REGION")).isNotBlank();
        assertThat(env.get("KILN_STORAGE_S3_BUCKET")).isEqualTo("kiln");
        assertServiceUrlsNameComposeServices(env);
      }
    }

    @Test
    void composesTheGatewayWithTheServiceUrlsButNoInfrastructureSettings() {
      Map<String, String> env = env(defaults, GATEWAY);
      assertThat(env.keySet())
          .containsAll(EVERY_COMPONENT)
          .containsAll(readBy(GATEWAY))
          .doesNotContainAnyElementsOf(SERVICES_ONLY)
          .filteredOn(notReadBy(GATEWAY)::contains)
          .isEmpty();
      assertThat(env.get("SERVER_PORT")).isEqualTo("8080");
      assertThat(env.get("SPRING_PROFILES_ACTIVE")).isEqualTo("distributed");
      assertServiceUrlsNameComposeServices(env);
    }

    private void assertServiceUrlsNameComposeServices(Map<String, String> env) {
      SERVICE_URL_VARIABLES.forEach(
          (variable, service) ->
              assertThat(env.get(variable))
                  .as(variable)
                  .isEqualTo("http://" + service + ":8080")
                  .matches(SERVICE_URL_PATTERN));
    }

    @Test
    void takesEveryCredentialFromTheEnvironment() {
      assertThat(env(customised, "postgres").get("POSTGRES_PASSWORD"))
          .isEqualTo(CREDENTIALS.get("KILN_DB_PASSWORD"));
      assertThat(env(customised, "minio"))
          .containsEntry("MINIO_ROOT_USER", CREDENTIALS.get("KILN_S3_ACCESS_KEY"))
          .containsEntry("MINIO_ROOT_PASSWORD", CREDENTIALS.get("KILN_S3_SECRET_KEY"));
      for (String component : COMPONENTS) {
        Map<String, String> env = env(customised, component);
        assertThat(env.get("KILN_INTERNAL_SECRET"))
            .isEqualTo(CREDENTIALS.get("KILN_INTERNAL_SECRET"));
        if (!component.equals(GATEWAY)) {
          assertThat(env)
              .containsEntry("SPRING_DATASOURCE_PASSWORD", CREDENTIALS.get("KILN_DB_PASSWORD"))
              .containsEntry("KILN_STORAGE_S3_ACCESS_KEY", CREDENTIALS.get("KILN_S3_ACCESS_KEY"))
              .containsEntry("KILN_STORAGE_S3_SECRET_KEY", CREDENTIALS.get("KILN_S3_SECRET_KEY"));
        }
        WORKSPACE_SERVICE_CREDENTIALS.forEach(
            (name, source) -> {
              if (readBy(component).contains(name)) {
                assertThat(env).containsEntry(name, CREDENTIALS.get(source));
              } else {
                assertThat(env).as(component).doesNotContainKey(name);
              }
            });
      }
    }

    @Test
    void givesWorkspaceServiceAloneAnAdminTokenThatItAccepts() {
      for (String component : COMPONENTS) {
        Map<String, String> env = env(defaults, component);
        if (component.equals("workspace-service")) {
          assertThat(env.get(ADMIN_TOKEN))
              .isEqualTo("kiln_local-admin-token-change-me")
              .matches(TOKEN_PATTERN);
        } else {
          assertThat(env).as(component).doesNotContainKey(ADMIN_TOKEN);
        }
      }
      for (String service : INFRASTRUCTURE) {
        assertThat(env(defaults, service)).as(service).doesNotContainKey(ADMIN_TOKEN);
      }
    }

    @Test
    void givesWorkspaceServiceAloneADemoMasterKeyOf32BytesInBase64() {
      for (String component : COMPONENTS) {
        Map<String, String> env = env(defaults, component);
        if (component.equals("workspace-service")) {
          assertThat(env.get(MASTER_KEY)).hasSize(44).endsWith("=");
          masterKeyBytes(env.get(MASTER_KEY));
        } else {
          assertThat(env).as(component).doesNotContainKey(MASTER_KEY);
        }
      }
      for (String service : INFRASTRUCTURE) {
        assertThat(env(defaults, service)).as(service).doesNotContainKey(MASTER_KEY);
      }
    }

    @Test
    void allowsNoLocalDatastoreFolder() {
      for (JsonNode resolved : List.of(defaults, customised)) {
        resolved
            .propertyNames()
            .forEach(
                service ->
                    assertThat(env(resolved, service)).as(service).doesNotContainKey(LOCAL_ROOTS));
      }
    }

    @Test
    void startsServicesOnlyOnceTheInfrastructureIsReady() {
      Map<String, String> expected =
          Map.of(
              "postgres", "service_healthy",
              "kafka", "service_healthy",
              "minio-create-bucket", "service_completed_successfully");
      for (String service : SERVICES) {
        JsonNode dependsOn = defaults.path(service).path("depends_on");
        expected.forEach(
            (dependency, condition) ->
                assertThat(dependsOn.path(dependency).path("condition").asString())
                    .as("%s waits for %s", service, dependency)
                    .isEqualTo(condition));
      }
      assertThat(defaults.path(GATEWAY).path("depends_on").propertyNames())
          .containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void publishesOnlyTheGatewayOnPort8080() {
      defaults
          .properties()
          .forEach(
              service -> {
                JsonNode ports = service.getValue().path("ports");
                if (service.getKey().equals(GATEWAY)) {
                  assertThat(ports.size()).isEqualTo(1);
                  assertThat(publishedAndTarget(ports.get(0))).isEqualTo("8080:8080");
                } else {
                  assertThat(ports.isMissingNode())
                      .as("%s publishes no port", service.getKey())
                      .isTrue();
                }
              });
    }

    /** "published:target", from the short or the long port syntax. */
    private static String publishedAndTarget(JsonNode port) {
      if (port.isObject()) {
        return port.path("published").asString() + ":" + port.path("target").asString();
      }
      return port.asString();
    }
  }
}
