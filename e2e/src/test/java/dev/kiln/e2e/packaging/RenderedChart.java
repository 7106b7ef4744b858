package dev.kiln.e2e.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects that one `helm template` of the chart rendered, typed by fabric8. */
record RenderedChart(String release, List<HasMetadata> objects) {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Parses the multi-document YAML that `helm template` prints. */
  static RenderedChart parse(String release, String yaml) {
    Object parsed = SERIALIZATION.unmarshal(yaml);
    List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
    List<HasMetadata> objects =
        documents.stream()
            .map(
                document -> {
                  assertThat(document).isInstanceOf(HasMetadata.class);
                  return (HasMetadata) document;
                })
            .toList();
    return new RenderedChart(release, objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
    return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  /** The name of a component's Deployment and Service (the release's name is its prefix). */
  String objectName(String component) {
    return release + "-" + component;
  }

  Deployment deployment(String component) {
    return find(Deployment.class, objectName(component))
        .orElseGet(() -> fail("no Deployment %s rendered", objectName(component)));
  }

  Service service(String component) {
    return find(Service.class, objectName(component))
        .orElseGet(() -> fail("no Service %s rendered", objectName(component)));
  }

  Secret secret(String name) {
    return find(Secret.class, name).orElseGet(() -> fail("no Secret %s rendered", name));
  }

  /** The one container of a component's pods. */
  Container container(String component) {
    List<Container> containers =
        deployment(component).getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).as("containers of %s", component).hasSize(1);
    return containers.get(0);
  }

  /** A component's environment by name; fails on a variable that is set twice. */
  Map<String, EnvVar> env(String component) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    for (EnvVar variable : container(component).getEnv()) {
      if (env.put(variable.getName(), variable) != null) {
        fail("%s sets %s twice", component, variable.getName());
      }
    }
    return env;
  }

  /** The literal value of a variable, failing when it is absent or not a literal. */
  static String literal(Map<String, EnvVar> env, String name) {
    EnvVar variable = env.get(name);
    assertThat(variable).as(name).isNotNull();
    assertThat(variable.getValueFrom()).as("%s comes from a literal", name).isNull();
    return variable.getValue();
  }

  /** The container port that a probe or Service names, by number or by name. */
  static int resolvePort(Container container, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseGet(() -> fail("container %s has no port %s", container.getName(), port));
  }
}
