package dev.kiln.workspace.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import dev.kiln.workspace.WorkspaceServiceTest;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@WorkspaceServiceTest
class MemberApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp admin;
  String members;
  String bob;

  @BeforeEach
  void setUp() {
    admin = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    String workspace = "m-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    members = "/api/v1/workspaces/" + workspace + "/members/";
    bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.postJson("/api/v1/users", "{\"name\":\"" + bob + "\"}").status())
        .isEqualTo(201);
  }

  private TestHttp.Response put(String user, String body) {
    return admin.send("PUT", members + user, "application/json", body);
  }

  private int rows() {
    return new JdbcTemplate(dataSource)
        .queryForObject("select count(*) from workspace_member", Integer.class);
  }

  @Test
  void makesTheCreatorOwnerAndAddsMembersWithRoles() {
    assertThat(put(bob, "{\"role\":\"reader\"}").json().get("role").asString()).isEqualTo("Reader");
    assertThat(put(bob, "{\"role\":\"Contributor\"}").json().get("role").asString())
        .isEqualTo("Contributor");
    String listed = admin.get(members.substring(0, members.length() - 1)).body();
    assertThat(listed).contains("\"admin\"").contains("\"Owner\"").contains(bob);
    assertThat(admin.delete(members + bob).status()).isEqualTo(204);
    assertThat(admin.delete(members + bob).json().get("code").asString())
        .isEqualTo("member_not_found");
  }

  @Test
  void keepsAtLeastOneOwner() {
    TestHttp.Response demoted = put("admin", "{\"role\":\"Reader\"}");
    assertThat(demoted.status()).isEqualTo(409);
    assertThat(demoted.json().get("code").asString()).isEqualTo("last_owner");
    assertThat(admin.delete(members + "admin").status()).isEqualTo(409);

    put(bob, "{\"role\":\"Owner\"}");
    assertThat(admin.delete(members + "admin").status()).isEqualTo(204);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"role\":\"Boss\"}", "{\"role\":null}", "{}", "{\"role\":3}"})
  void refusesAnInvalidRoleAndWritesNothing(String body) {
    int before = rows();
    TestHttp.Response response = put(bob, body);
    assertThat(response.status()).isEqualTo(400);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void refusesAnUnknownUser() {
    int before = rows();
    TestHttp.Response response = put("nobody-" + UUID.randomUUID(), "{\"role\":\"Reader\"}");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("code").asString()).isEqualTo("user_not_found");
    assertThat(rows()).isEqualTo(before);
  }
}
