package dev.kiln.workspace.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The environment API of a fresh workspace, as the tests call it. */
final class EnvironmentApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  final TestHttp http;
  final String workspace;
  final String base;
  final JdbcTemplate jdbc;

  private EnvironmentApi(TestHttp http, String workspace, JdbcTemplate jdbc) {
    this.http = http;
    this.workspace = workspace;
    this.base = "/api/v1/workspaces/" + workspace + "/environments";
    this.jdbc = jdbc;
  }

  /** A new workspace of its own, so tests do not see each other's environments. */
  static EnvironmentApi inNewWorkspace(int port, DataSource dataSource) {
    TestHttp http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    String workspace = "env-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(http.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    return new EnvironmentApi(http, workspace, new JdbcTemplate(dataSource));
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  TestHttp.Response post(String name, Object spec) {
    return http.postJson(base + "/" + name + "/versions", body(spec));
  }

  TestHttp.Response put(String name, String version, Object spec) {
    return http.send(
        "PUT", base + "/" + name + "/versions/" + version, "application/json", body(spec));
  }

  TestHttp.Response show(String name, String version) {
    return http.get(base + "/" + name + "/versions/" + version);
  }

  TestHttp.Response archive(String name, String version) {
    return http.postJson(base + "/" + name + "/versions/" + version + "/archive", "");
  }

  TestHttp.Response versions(String name) {
    return http.get(base + "/" + name + "/versions");
  }

  TestHttp.Response list() {
    return http.get(base);
  }

  TestHttp.Response resolve(String reference) {
    return http.get(base + "/resolve?ref=" + URLEncoder.encode(reference, StandardCharsets.UTF_8));
  }

  /** Every environment row of every workspace, curated ones included. */
  int rows() {
    return jdbc.queryForObject("select count(*) from environment", Integer.class);
  }

  private static String body(Object spec) {
    return spec instanceof String text ? text : json(spec);
  }
}
