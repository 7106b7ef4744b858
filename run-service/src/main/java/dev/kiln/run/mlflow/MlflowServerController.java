package dev.kiln.run.mlflow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the MLflow client asks of the server besides tracking: its capabilities, and an MLflow
 * {@code ENDPOINT_NOT_FOUND} for every MLflow path Kiln does not serve (traces, prompts, the
 * gateway…), so a client that probes an optional API falls back as it does against MLflow.
 */
@RestController
class MlflowServerController {

  private final MlflowArtifacts artifacts;

  MlflowServerController(MlflowArtifacts artifacts) {
    this.artifacts = artifacts;
  }

  /** Asked before large uploads and downloads: Kiln proxies downloads whole. */
  @GetMapping(MlflowPaths.WORKSPACE + "/api/3.0/mlflow/server-info")
  Map<String, Object> serverInfo(@PathVariable String workspace) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("store_type", "SqlStore");
    info.put("workspaces_enabled", false);
    info.put("trace_archival_enabled", false);
    info.put("multipart_uploads_enabled", artifacts.multipartUploads());
    info.put("multipart_downloads_enabled", false);
    info.put("presigned_upload_run_id_supported", false);
    info.put("presigned_upload_model_id_supported", false);
    info.put("features_enabled", Map.of());
    return info;
  }

  @RequestMapping(MlflowPaths.WORKSPACE + "/**")
  void unknown(@PathVariable String workspace) {
    throw MlflowError.noEndpoint("Kiln's MLflow API does not serve this path.");
  }
}
