package dev.kiln.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.common.web.RequestIds;
import dev.kiln.common.web.ServiceClients;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** A declarative client, as one service calls another, here calling workspace-service itself. */
@WorkspaceServiceTest
class ServiceClientsTest {

  @HttpExchange("/api/v1/workspaces")
  interface WorkspacesClient {

    @PostExchange
    ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, String> body);

    @GetExchange("/{name}")
    ResponseEntity<Map<String, Object>> get(@PathVariable String name);
  }

  @Autowired ServiceClients clients;

  @AfterEach
  void clearRequestId() {
    MDC.remove(RequestIds.MDC_KEY);
  }

  @Test
  void callsAnotherServiceCarryingTheCurrentRequestId() {
    WorkspacesClient workspaces = clients.create("workspace", WorkspacesClient.class);
    String name = "client-" + UUID.randomUUID().toString().substring(0, 8);
    MDC.put(RequestIds.MDC_KEY, "req-from-caller");

    ResponseEntity<Map<String, Object>> created = workspaces.create(Map.of("name", name));
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    assertThat(created.getHeaders().getFirst(RequestIds.HEADER)).isEqualTo("req-from-caller");
    assertThat(workspaces.get(name).getBody()).containsEntry("name", name);
  }

  @Test
  void surfacesTheOtherServicesProblemAsAnHttpError() {
    WorkspacesClient workspaces = clients.create("workspace", WorkspacesClient.class);
    assertThatThrownBy(() -> workspaces.get("no-such-workspace"))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> assertThat(e.getResponseBodyAsString()).contains("workspace_not_found"));
  }
}
