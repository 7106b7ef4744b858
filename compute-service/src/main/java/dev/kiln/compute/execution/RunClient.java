package dev.kiln.compute.execution;

import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The parts of run-service's API that compute-service drives: statuses and system log lines. */
@HttpExchange("/api/v1/workspaces/{workspace}/jobs/{run}")
interface RunClient {

  @PostExchange("/status")
  void status(
      @PathVariable String workspace, @PathVariable String run, @RequestBody StatusChange change);

  @PostExchange("/logs")
  void log(@PathVariable String workspace, @PathVariable String run, @RequestBody LogLines lines);

  record StatusChange(String status, Error error) {

    record Error(String code, String message) {}
  }

  record LogLines(String stream, List<String> lines) {}
}
