package dev.kiln.run.job;

import dev.kiln.common.crypto.Hashes;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.events.SubmittedJob;
import dev.kiln.common.web.ServiceClients;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PutExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves a {@link JobDraft}'s references, synchronously, as the caller: the compute target must
 * exist (compute-service), environments and data assets are looked up (workspace-service), and an
 * inline environment is registered as {@value #ANONYMOUS} version {@code <first 32 hex digits of
 * the SHA-256 of its canonical JSON>}. That registration, the only write, comes after every lookup
 * succeeded; it is idempotent, so a job refused later leaves at most a harmless version behind. A
 * reference that does not exist is a 400 with the code of its kind; a service that does not answer
 * is a retryable 503.
 */
@Component
class JobReferences {

  static final String ANONYMOUS = "CliV2AnonymousEnvironment";

  /** The datastore every workspace has, which needs no lookup. */
  private static final String WORKSPACE_BLOB_STORE = "workspaceblobstore";

  private final WorkspaceApi workspaceApi;
  private final ComputeApi computeApi;
  private final JsonMapper json;

  JobReferences(Environment environment, ServiceClients clients, JsonMapper json) {
    this.workspaceApi =
        environment.containsProperty("kiln.services.workspace")
            ? clients.create("workspace", WorkspaceApi.class)
            : null;
    this.computeApi =
        environment.containsProperty("kiln.services.compute")
            ? clients.create("compute", ComputeApi.class)
            : null;
    this.json = json;
  }

  /** The job with every reference resolved. */
  SubmittedJob resolve(String workspace, JobDraft draft) {
    call(
        "compute-service",
        computeApi,
        "compute_not_found",
        () -> computeApi.get(workspace, draft.compute()));
    SubmittedJob.Environment environment =
        draft.environmentReference() == null
            ? null
            : environment(
                call(
                    "workspace-service",
                    workspaceApi,
                    "environment_not_found",
                    () ->
                        workspaceApi.resolveEnvironment(workspace, draft.environmentReference())));
    Map<String, SubmittedJob.Input> inputs = new LinkedHashMap<>();
    Map<String, DatastoreInfo> datastores = new HashMap<>();
    draft
        .inputs()
        .forEach(
            (name, draftInput) -> {
              SubmittedJob.Input input = input(workspace, name, draftInput);
              requireReadable(workspace, name, input, datastores);
              inputs.put(name, input);
            });
    if (environment == null) {
      String version = anonymousVersion(draft.inlineEnvironment());
      environment =
          environment(
              call(
                  "workspace-service",
                  workspaceApi,
                  "invalid_environment",
                  () -> workspaceApi.putAnonymous(workspace, version, draft.inlineEnvironment())));
    }
    return new SubmittedJob(
        draft.command(),
        draft.snapshotId(),
        draft.compute(),
        environment,
        inputs,
        draft.outputs(),
        draft.environmentVariables(),
        draft.timeoutSeconds(),
        draft.instanceCount(),
        draft.distribution(),
        draft.priority());
  }

  private SubmittedJob.Input input(String workspace, String name, JobDraft.DraftInput input) {
    if (input.resolved() != null) {
      return input.resolved();
    }
    ResolvedData data =
        call(
            "workspace-service",
            workspaceApi,
            "data_not_found",
            () -> workspaceApi.resolveData(workspace, input.dataReference()));
    if (!"uri_file".equals(data.type()) && !"uri_folder".equals(data.type())) {
      throw JobInputs.invalidInput(
          "Input '"
              + name
              + "' is data asset "
              + input.dataReference()
              + " of type "
              + data.type()
              + "; Kiln takes uri_file and uri_folder data.");
    }
    if (input.type() != null && !input.type().equals(data.type())) {
      throw JobInputs.invalidInput(
          "Input '"
              + name
              + "' is declared "
              + input.type()
              + " but data asset "
              + input.dataReference()
              + " is a "
              + data.type()
              + ".");
    }
    return JobInputs.fromAsset(name, data.type(), data.path());
  }

  /**
   * An input on a datastore needs one that exists and that a job can read: not a {@code local} one,
   * whose folder is on the platform's machine. Every workspace has its workspaceblobstore.
   */
  private void requireReadable(
      String workspace, String name, SubmittedJob.Input input, Map<String, DatastoreInfo> seen) {
    if (input.datastore() == null || WORKSPACE_BLOB_STORE.equalsIgnoreCase(input.datastore())) {
      return;
    }
    DatastoreInfo datastore =
        seen.computeIfAbsent(
            input.datastore(),
            key ->
                call(
                    "workspace-service",
                    workspaceApi,
                    "datastore_not_found",
                    () -> workspaceApi.datastore(workspace, key)));
    if ("local".equals(datastore.type())) {
      throw JobInputs.invalidInput(
          "Input '"
              + name
              + "' is on datastore '"
              + input.datastore()
              + "', a folder on the platform's machine, which jobs cannot read; put the data on"
              + " workspaceblobstore or an s3 datastore.");
    }
  }

  /** The version an inline environment is registered under: a hash of its canonical JSON. */
  String anonymousVersion(Map<String, Object> inline) {
    String canonical = json.writeValueAsString(sorted(json.valueToTree(inline)));
    return Hashes.sha256Hex(canonical).substring(0, 32);
  }

  private JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> keys = new TreeMap<>();
      node.properties().forEach(entry -> keys.put(entry.getKey(), sorted(entry.getValue())));
      ObjectNode copy = json.createObjectNode();
      keys.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      var copy = json.createArrayNode();
      node.forEach(item -> copy.add(sorted(item)));
      return copy;
    }
    return node;
  }

  private static SubmittedJob.Environment environment(ResolvedEnvironment found) {
    return new SubmittedJob.Environment(
        found.reference(),
        found.image(),
        found.pythonVersion(),
        found.pipRequirements() == null ? List.of() : found.pipRequirements(),
        found.environmentVariables() == null ? Map.of() : found.environmentVariables(),
        found.contentHash());
  }

  /**
   * Calls another service: its 404 becomes a 400 {@code missingCode} (a 404 {@code
   * workspace_not_found} stays one), its other client errors keep their status and code, and no
   * answer or a server error is a retryable 503.
   */
  private <T> T call(String service, Object client, String missingCode, Supplier<T> call) {
    if (client == null) {
      throw unavailable(service + " is not configured (kiln.services).");
    }
    try {
      return call.get();
    } catch (HttpStatusCodeException e) {
      if (e.getStatusCode().is5xxServerError()) {
        throw unavailable(service + " answered " + e.getStatusCode().value() + "; try again.");
      }
      Problem problem = problem(e);
      if (e.getStatusCode().value() == 404) {
        if ("workspace_not_found".equals(problem.code())) {
          throw new NotFoundException(problem.code(), problem.detail());
        }
        throw new InvalidRequestException(missingCode, problem.detail());
      }
      HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
      throw new KilnException(
          status == null ? HttpStatus.BAD_REQUEST : status,
          problem.code() == null ? missingCode : problem.code(),
          problem.detail(),
          false);
    } catch (RestClientException e) {
      throw unavailable(service + " did not answer; try again.");
    }
  }

  private Problem problem(HttpStatusCodeException e) {
    try {
      JsonNode body = json.readTree(e.getResponseBodyAsString());
      String detail = body.path("detail").asString(null);
      return new Problem(
          body.path("code").asString(null),
          detail == null ? "The reference was not found." : detail);
    } catch (RuntimeException notJson) {
      return new Problem(null, "The reference was not found (" + e.getStatusCode().value() + ").");
    }
  }

  private static KilnException unavailable(String detail) {
    return new KilnException(
        HttpStatus.SERVICE_UNAVAILABLE, "dependency_unavailable", detail, true);
  }

  private record Problem(String code, String detail) {}

  /** An environment version as workspace-service shows it (the parts a job needs). */
  record ResolvedEnvironment(
      String reference,
      String image,
      String pythonVersion,
      List<String> pipRequirements,
      Map<String, String> environmentVariables,
      String contentHash) {}

  /** A data asset version as workspace-service shows it (the parts a job needs). */
  record ResolvedData(String name, String version, String type, String path) {}

  /** A datastore as workspace-service shows it (the parts a job needs). */
  record DatastoreInfo(String name, String type) {}

  interface WorkspaceApi {

    @GetExchange("/api/v1/workspaces/{workspace}/environments/resolve")
    ResolvedEnvironment resolveEnvironment(
        @PathVariable String workspace, @RequestParam("ref") String reference);

    @PutExchange("/api/v1/workspaces/{workspace}/environments/" + ANONYMOUS + "/versions/{version}")
    ResolvedEnvironment putAnonymous(
        @PathVariable String workspace,
        @PathVariable String version,
        @RequestBody Map<String, Object> spec);

    @GetExchange("/api/v1/workspaces/{workspace}/data/resolve")
    ResolvedData resolveData(@PathVariable String workspace, @RequestParam("ref") String reference);

    @GetExchange("/api/v1/workspaces/{workspace}/datastores/{name}")
    DatastoreInfo datastore(@PathVariable String workspace, @PathVariable String name);
  }

  interface ComputeApi {

    @GetExchange("/api/v1/workspaces/{workspace}/computes/{name}")
    JsonNode get(@PathVariable String workspace, @PathVariable String name);
  }
}
