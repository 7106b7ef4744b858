package dev.kiln.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.output.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.JsonNode;

/**
 * How {@code kiln compute create} turns a spec file and its options into the request, and how it
 * fails before calling the server; the server sits on a closed port, so reaching it shows as exit
 * 3.
 */
class CreateComputeCommandTest extends CliHarness.InTempHome {

  /** The compute cluster example of YAML.md. */
  static final String CPU_POOL =
      """
      $schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json
      name: cpu-pool
      type: amlcompute
      min_instances: 0
      max_instances: 4
      idle_time_before_scale_down: 120
      """;

  Path write(String name, String text) throws IOException {
    return Files.writeString(home.resolve(name), text);
  }

  static ComputeRequest requestFor(String... args) {
    CreateComputeCommand command = new CreateComputeCommand();
    new CommandLine(command).parseArgs(args);
    return command.request();
  }

  @Test
  void putsTheSpecAsJsonUnderItsName() throws IOException {
    Path file = write("cpu-pool.yml", CPU_POOL);

    ComputeRequest request = requestFor("-f", file.toString());

    assertThat(request.name()).isEqualTo("cpu-pool");
    JsonNode body = Mappers.JSON.readTree(Mappers.JSON.writeValueAsString(request.body()));
    assertThat(body.get("type").asString()).isEqualTo("amlcompute");
    assertThat(body.get("max_instances").asInt()).isEqualTo(4);
    assertThat(body.get("$schema").asString()).endsWith("amlCompute.schema.json");
  }

  @Test
  void appliesSetOverridesIncludingNestedKeys() throws IOException {
    Path file = write("cpu-pool.yml", CPU_POOL);

    ComputeRequest request =
        requestFor("-f", file.toString(), "--set", "max_instances=8", "--set", "resources.cpus=2");

    assertThat(request.body().get("max_instances").asString()).isEqualTo("8");
    assertThat(request.body().at("/resources/cpus").asString()).isEqualTo("2");
  }

  @Test
  void takesTheNameOptionOverTheSpecsName() throws IOException {
    Path file = write("cpu-pool.yml", CPU_POOL);

    ComputeRequest request = requestFor("-f", file.toString(), "--name", "big-pool");

    assertThat(request.name()).isEqualTo("big-pool");
    assertThat(request.body().get("name").asString()).isEqualTo("big-pool");
  }

  @Test
  void sendsTheFileAsWrittenWhenTheOptionsChangeNothing() throws IOException {
    Path file = write("cpu-pool.yml", "# the team's pool\n" + CPU_POOL);

    ComputeRequest request = requestFor("-f", file.toString(), "--name", "cpu-pool");

    assertThat(request.text()).isEqualTo("# the team's pool\n" + CPU_POOL);
    assertThat(request.contentType()).isEqualTo("application/yaml; charset=utf-8");
  }

  @Test
  void sendsAJsonFileAsJson() throws IOException {
    Path file = write("cpu-pool.json", "{\"name\": \"cpu-pool\", \"max_instances\": 2}");

    ComputeRequest request = requestFor("-f", file.toString());

    assertThat(request.contentType()).startsWith("application/json");
  }

  @Test
  void sendsTheChangedSpecAsJsonWhenTheOptionsChangeIt() throws IOException {
    Path file = write("cpu-pool.yml", CPU_POOL);

    assertThat(requestFor("-f", file.toString(), "--set", "max_instances=8").text()).isNull();
    assertThat(requestFor("-f", file.toString(), "--name", "other-pool").text()).isNull();
  }

  @Test
  void refusesASpecWithoutAName() throws IOException {
    Path file = write("anonymous.yml", "type: amlcompute\nmax_instances: 2\n");

    assertThatThrownBy(() -> requestFor("-f", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("the compute has no name")
        .hasMessageContaining("--name");
  }

  @Test
  void sendsAPutToTheComputesPath() throws IOException {
    Path file = write("cpu-pool.yml", CPU_POOL);

    Result result = run("-w", "demo", "compute", "create", "-f", file.toString(), "--verbose");

    CliHarness.assertSent(result, "> PUT /api/v1/workspaces/demo/computes/cpu-pool ");
  }

  @Test
  void failsOnAFileThatIsNotYamlNamingItsLine() throws IOException {
    Path file = write("broken.yml", "name: cpu-pool\ntype: [amlcompute\n");

    Result result = run("-w", "demo", "compute", "create", "-f", file.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("cannot read compute spec").contains("line");
  }

  @Test
  void failsOnAMissingFile() {
    Result result =
        run("-w", "demo", "compute", "create", "-f", home.resolve("nope.yml").toString());

    CliHarness.assertFailed(result, 2, "no such file");
  }
}
