package dev.kiln.compute.target;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.common.spec.SpecKeyChecker;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The compute targets of a workspace. A put answers 201 for a new target, 200 for an existing one
 * (changed or not), with {@code warnings} for the keys it ignored.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/computes")
class ComputeController {

  private static final Duration DEFAULT_USAGE_WINDOW = Duration.ofHours(1);

  private final ComputeService computes;
  private final ComputeSpecReader reader;
  private final ComputeLoad load;
  private final TargetSettings settings;

  ComputeController(
      ComputeService computes,
      ComputeSpecReader reader,
      ComputeLoad load,
      TargetSettings settings) {
    this.computes = computes;
    this.reader = reader;
    this.load = load;
    this.settings = settings;
  }

  @GetMapping
  Page<ComputeResponse> list(
      @PathVariable String workspace,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return computes.list(workspace, PageRequest.of(limit, cursor)).map(this::response);
  }

  @GetMapping("/{name}")
  ComputeResponse show(@PathVariable String workspace, @PathVariable String name) {
    return response(computes.get(workspace, name));
  }

  /** Creates or changes compute {@code name} from an Azure ML compute spec, JSON or YAML. */
  @PutMapping(
      path = "/{name}",
      consumes = {
        MediaType.APPLICATION_JSON_VALUE,
        MediaType.APPLICATION_YAML_VALUE,
        "application/x-yaml",
        "text/yaml"
      })
  ResponseEntity<ComputeResponse> put(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
      @RequestBody byte[] body,
      HttpServletResponse http) {
    ComputeDefinition.requireValidName(name);
    ComputeSpecReader.Read read = reader.read(body, contentType);
    ComputeDefinition definition =
        ComputeDefinition.of(name, read.spec(), settings.defaultBackend());
    ComputeService.Saved saved =
        computes.put(workspace, definition, CurrentIdentity.get().subject());
    List<String> warnings = new ArrayList<>(read.warnings());
    for (String ignored : http.getHeaders(SpecKeyChecker.WARNING_HEADER)) {
      warnings.add("Ignored key '" + ignored + "': Kiln has no use for it.");
    }
    ComputeTarget target = saved.target();
    ComputeResponse response = ComputeResponse.of(target, load.of(target.id()), warnings);
    if (saved.outcome() != ComputeService.Outcome.CREATED) {
      return ResponseEntity.ok(response);
    }
    URI location = URI.create("/api/v1/workspaces/" + workspace + "/computes/" + target.name());
    return ResponseEntity.status(HttpStatus.CREATED).location(location).body(response);
  }

  @DeleteMapping("/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String workspace, @PathVariable String name) {
    computes.delete(workspace, name);
  }

  /** The target's node count, busy slots and queue over time; the last hour by default. */
  @GetMapping("/{name}/usage")
  UsageResponse usage(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestParam(required = false) String since) {
    Instant from = since == null ? Instant.now().minus(DEFAULT_USAGE_WINDOW) : instant(since);
    ComputeTarget target = computes.get(workspace, name);
    return new UsageResponse(target.name(), from, computes.usage(workspace, name, from));
  }

  private ComputeResponse response(ComputeTarget target) {
    return ComputeResponse.of(target, load.of(target.id()), List.of());
  }

  private static Instant instant(String since) {
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "invalid_since",
          "since must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was '" + since + "'.");
    }
  }
}
