package dev.kiln.common.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.auth.Identity;
import dev.kiln.common.auth.IdentityTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    classes = YamlEchoApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "kiln.internal-secret=" + YamlBodyTest.SECRET)
class YamlBodyTest {

  static final String SECRET = "yaml-body-test-secret-0123456789";
  private static final String YAML = "application/yaml";
  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final SafeYaml yaml = new SafeYaml();

  @Value("${local.server.port}")
  int port;

  @Autowired RequestMappingHandlerAdapter handlers;

  @Test
  void takesThePlaceOfSpringsYamlConverterAfterJson() {
    List<HttpMessageConverter<?>> converters = handlers.getMessageConverters();

    assertThat(converters)
        .filteredOn(c -> c.getSupportedMediaTypes().contains(MediaType.APPLICATION_YAML))
        .singleElement()
        .isInstanceOf(YamlHttpMessageConverter.class);
    assertThat(converters.indexOf(converterOf(converters, JacksonJsonHttpMessageConverter.class)))
        .isLessThan(converters.indexOf(converterOf(converters, YamlHttpMessageConverter.class)));
  }

  @Test
  void readsYamlAsItReadsJson() {
    String datastore = spec("datastore.yml");
    String same = json.writeValueAsString(yaml.read(datastore));

    HttpResponse<String> fromYaml = post(YAML, JSON, BodyPublishers.ofString(datastore));
    HttpResponse<String> fromJson = post(JSON, JSON, BodyPublishers.ofString(same));

    assertThat(fromYaml.statusCode()).isEqualTo(200);
    assertThat(fromJson.statusCode()).isEqualTo(200);
    assertThat(json.readTree(fromYaml.body())).isEqualTo(json.readTree(fromJson.body()));
    assertThat(json.readTree(fromYaml.body()).at("/credentials/access_key_id").asString())
        .isEqualTo("AKIA\u2026");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/x-yaml", "text/yaml", "application/yaml;charset=UTF-8"})
  void acceptsOtherYamlMediaTypes(String contentType) {
    HttpResponse<String> response =
        post(contentType, JSON, BodyPublishers.ofString(spec("datastore.yml")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("bucket").asString()).isEqualTo("training-data");
  }

  @Test
  void answersJsonUnlessYamlIsAsked() {
    HttpResponse<String> response =
        post(YAML, null, BodyPublishers.ofString(spec("datastore.yml")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith(JSON));
  }

  @Test
  void answersYamlWhenAsked() {
    String datastore = spec("datastore.yml");

    HttpResponse<String> response =
        post(JSON, YAML, BodyPublishers.ofString(json.writeValueAsString(yaml.read(datastore))));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith(YAML));
    assertThat(response.body()).doesNotStartWith("{").contains("bucket: \"training-data\"");
    assertThat(yaml.read(response.body())).isEqualTo(yaml.read(datastore));
  }

  @Test
  void refusesBillionLaughsAsInvalidYaml() {
    HttpResponse<String> response =
        post(YAML, JSON, BodyPublishers.ofString(SafeYamlTest.billionLaughs()));

    JsonNode problem = problem(response, 400);
    assertThat(problem.get("code").asString()).isEqualTo("invalid_yaml");
    assertThat(problem.get("retryable").booleanValue()).isFalse();
    assertThat(problem.get("detail").asString()).contains("more than 50 aliases");
  }

  @Test
  void refusesObjectTagNamingIt() {
    String body = "name: lake\ntype: !!java.net.URL http://evil.example\nbucket: b\n";

    JsonNode problem = problem(post(YAML, JSON, BodyPublishers.ofString(body)), 400);

    assertThat(problem.get("code").asString()).isEqualTo("invalid_yaml");
    assertThat(problem.get("detail").asString())
        .isEqualTo(
            "Invalid YAML at line 2, column 7: the tag !!java.net.URL is not allowed; Kiln reads"
                + " plain maps, lists, strings, numbers, booleans and null only.");
  }

  @Test
  void refusesDuplicateKeyNamingIt() {
    String body = "name: lake\ntype: s3\nbucket: b\nbucket: c\n";

    JsonNode problem = problem(post(YAML, JSON, BodyPublishers.ofString(body)), 400);

    assertThat(problem.get("code").asString()).isEqualTo("invalid_yaml");
    assertThat(problem.get("detail").asString()).contains("line 4", "duplicate key \"bucket\"");
  }

  @Test
  void refusesSecondDocument() {
    JsonNode problem =
        problem(post(YAML, JSON, BodyPublishers.ofString(spec("endpoint.yml"))), 400);

    assertThat(problem.get("code").asString()).isEqualTo("invalid_yaml");
    assertThat(problem.get("detail").asString()).contains("second document");
  }

  @Test
  void validatesYamlAsItValidatesJson() {
    String body = "name: ''\ntype: s3\nbucket: training-data\n";

    JsonNode problem = problem(post(YAML, JSON, BodyPublishers.ofString(body)), 400);

    assertThat(problem.get("code").asString()).isEqualTo("invalid_request");
    assertThat(problem.at("/errors/0/field").asString()).isEqualTo("name");
  }

  @Test
  void refusesYamlOfWrongShapeAsItRefusesJson() {
    String body = "name: [a, b]\ntype: s3\nbucket: training-data\n";

    JsonNode fromYaml = problem(post(YAML, JSON, BodyPublishers.ofString(body)), 400);
    JsonNode fromJson =
        problem(
            post(JSON, JSON, BodyPublishers.ofString(json.writeValueAsString(yaml.read(body)))),
            400);

    assertThat(fromYaml.get("code").asString()).isEqualTo("invalid_request");
    assertThat(fromYaml.get("detail")).isEqualTo(fromJson.get("detail"));
  }

  @Test
  void refusesOversizedChunkedYamlAsTooLarge() {
    byte[] body =
        ("name: lake\nblob: " + "x".repeat(2 * 1024 * 1024) + "\n")
            .getBytes(StandardCharsets.UTF_8);

    // A stream of unknown length is sent chunked, so the limit is met while reading.
    HttpResponse<String> response =
        post(YAML, JSON, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

    assertThat(problem(response, 413).get("code").asString()).isEqualTo("payload_too_large");
  }

  private static HttpMessageConverter<?> converterOf(
      List<HttpMessageConverter<?>> converters, Class<?> type) {
    return converters.stream().filter(type::isInstance).findFirst().orElseThrow();
  }

  private JsonNode problem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
    return json.readTree(response.body());
  }

  private HttpResponse<String> post(String contentType, String accept, BodyPublisher body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/workspaces/lab/datastores"))
            .header("Content-Type", contentType)
            .header(IdentityTokens.HEADER, identity())
            .POST(body);
    if (accept != null) {
      request.header("Accept", accept);
    }
    try {
      return http.send(request.build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String identity() {
    return new IdentityTokens(SECRET, JsonMapper.builder().build(), Clock.systemUTC())
        .sign(
            new Identity("00000000-0000-0000-0000-000000000001", "admin", true, null, null, null));
  }

  private static String spec(String name) {
    try (InputStream in = YamlBodyTest.class.getResourceAsStream("/specs/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
