package dev.kiln.compute.execution;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.kiln.common.events.SubmittedJob;
import dev.kiln.launcher.Resources;
import dev.kiln.launcher.WorkloadLayout;
import dev.kiln.launcher.WorkloadSpec;
import dev.kiln.runner.RunnerScript;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an execution into workload specs: the runner as the program, the plan it follows in {@code
 * KILN_PLAN}, and the command with its {@code ${{inputs.x}}} and {@code ${{outputs.y}}} replaced by
 * the paths the workload sees (the runner substitutes nothing).
 */
final class Plans {

  static final Pattern BINDING =
      Pattern.compile("\\$\\{\\{\\s*(inputs|outputs)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private Plans() {}

  /**
   * The specs of all instances of one attempt.
   *
   * @param layouts the layout of each instance's workload, in instance order
   * @param masterPort the port rank 0 listens on, for distributed jobs
   */
  static List<WorkloadSpec> specs(
      Execution execution,
      Target target,
      List<String> workloadIds,
      List<WorkloadLayout> layouts,
      Environments.Materialized environment,
      String apiUrl,
      String runToken,
      int masterPort,
      ComputeSettings.Scheduler timing,
      JsonMapper json) {
    SubmittedJob job = execution.job();
    int instances = workloadIds.size();
    int perInstance =
        job.distribution() == null ? 1 : Math.max(1, job.distribution().processCount());
    List<WorkloadSpec> specs = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      WorkloadLayout layout = layouts.get(i);
      String workDir = layout.workDir();
      Map<String, Object> plan = new LinkedHashMap<>();
      List<Map<String, Object>> inputs = new ArrayList<>();
      Map<String, String> bindings = new LinkedHashMap<>();
      job.inputs()
          .forEach(
              (name, input) -> {
                if ("literal".equals(input.type())) {
                  bindings.put("inputs." + name, input.value());
                  return;
                }
                Map<String, Object> download =
                    download(execution.workspace(), name, input, workDir, apiUrl);
                inputs.add(download);
                bindings.put("inputs." + name, quote((String) download.get("target")));
              });
      List<Map<String, Object>> outputs = new ArrayList<>();
      job.outputs()
          .forEach(
              (name, output) -> {
                String source = workDir + "/outputs/" + name;
                outputs.add(Map.of("name", name, "type", typeOf(output.type()), "source", source));
                bindings.put("outputs." + name, quote(source));
              });
      plan.put("command", substitute(job.command(), bindings));
      plan.put("snapshotId", job.snapshotId());
      plan.put("codeDir", workDir + "/code");
      plan.put("inputs", inputs);
      plan.put("outputs", outputs);
      Map<String, Object> processes = new LinkedHashMap<>();
      processes.put("type", job.distribution() == null ? "none" : job.distribution().type());
      processes.put("perInstance", perInstance);
      processes.put("worldSize", instances * perInstance);
      processes.put("rankOffset", i * perInstance);
      processes.put(
          "masterAddr", "kubernetes".equals(target.backend()) ? workloadIds.get(0) : "127.0.0.1");
      processes.put("masterPort", masterPort);
      plan.put("processes", processes);
      plan.put("heartbeatSeconds", Math.max(1, timing.heartbeat().toSeconds()));
      plan.put("metricsSeconds", Math.max(1, timing.metrics().toSeconds()));

      Map<String, String> env = new LinkedHashMap<>();
      if (job.environment() != null && job.environment().environmentVariables() != null) {
        env.putAll(job.environment().environmentVariables());
      }
      if (job.environmentVariables() != null) {
        env.putAll(job.environmentVariables());
      }
      env.putAll(environment.environment());
      env.put("KILN_API_URL", apiUrl);
      env.put("KILN_WORKSPACE", execution.workspace());
      env.put("KILN_RUN_ID", execution.runName());
      env.put("KILN_RUN_TOKEN", runToken);
      env.put("KILN_ATTEMPT", Integer.toString(execution.attempt()));
      env.put("KILN_WORK_DIR", workDir);
      env.put("KILN_PLAN", json.writeValueAsString(plan));
      env.put("MLFLOW_TRACKING_URI", apiUrl + "/mlflow/workspaces/" + execution.workspace());
      env.put("MLFLOW_RUN_ID", execution.runName());
      env.put("MLFLOW_TRACKING_TOKEN", runToken);

      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("kiln.dev/run-id", execution.runId().toString());
      labels.put("kiln.dev/attempt", Integer.toString(execution.attempt()));
      labels.put("kiln.dev/instance", Integer.toString(i));
      specs.add(
          WorkloadSpec.job(
              workloadIds.get(i),
              environment.image(),
              List.of(environment.python(), layout.filesDir() + "/" + RunnerScript.FILE_NAME),
              env,
              Map.of(RunnerScript.FILE_NAME, RunnerScript.bytes()),
              share(target),
              labels));
    }
    return specs;
  }

  /** One slot's share of a node. */
  private static Resources share(Target target) {
    int slots = Math.max(1, target.slotsPerNode());
    return new Resources(target.cpus() / slots, target.memoryMb() / slots, target.gpus() / slots);
  }

  private static Map<String, Object> download(
      String workspace, String name, SubmittedJob.Input input, String workDir, String apiUrl) {
    String type = typeOf(input.type());
    Map<String, Object> download = new LinkedHashMap<>();
    download.put("name", name);
    download.put("type", type);
    String target = workDir + "/inputs/" + name;
    if (input.url() != null) {
      download.put("url", input.url());
      download.put("target", target + "/" + fileName(input.url().replaceFirst("[?#].*$", "")));
      download.put("type", "uri_file");
      return download;
    }
    String downloadUrls =
        apiUrl
            + "/api/v1/workspaces/"
            + UriUtils.encodePathSegment(workspace, UTF_8)
            + "/datastores/"
            + UriUtils.encodePathSegment(input.datastore(), UTF_8)
            + "/download-urls";
    String path = input.path() == null ? "" : input.path().replaceFirst("^/+", "");
    if ("uri_folder".equals(type)) {
      String prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
      download.put("filesUrl", downloadUrls + "?prefix=" + URLEncoder.encode(prefix, UTF_8));
      download.put("prefix", prefix);
      download.put("target", target);
    } else {
      download.put("filesUrl", downloadUrls + "?path=" + URLEncoder.encode(path, UTF_8));
      download.put("target", target + "/" + fileName(path));
    }
    return download;
  }

  private static String typeOf(String type) {
    return type == null ? "uri_folder" : type;
  }

  private static String fileName(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    return name.isEmpty() || name.equals("..") || name.equals(".") ? "file" : name;
  }

  /** Replaces each binding; an unknown one was refused when the job was submitted. */
  static String substitute(String command, Map<String, String> bindings) {
    Matcher m = BINDING.matcher(command);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = bindings.get(m.group(1) + "." + m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A path as one shell word. */
  static String quote(String path) {
    if (SHELL_SAFE.matcher(path).matches()) {
      return path;
    }
    return "'" + path.replace("'", "'\"'\"'") + "'";
  }
}
