package dev.kiln.run.mlflow;

import dev.kiln.run.JsonMaps;
import dev.kiln.run.mlflow.RunMessages.DatasetInputJson;
import dev.kiln.run.mlflow.RunMessages.DatasetJson;
import dev.kiln.run.mlflow.RunMessages.ModelInputJson;
import dev.kiln.run.mlflow.RunMessages.ModelOutputJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The datasets and logged models a run records as inputs and outputs (MLflow's {@code log-inputs}
 * and {@code outputs}). Logging the same dataset or model again changes nothing. Callers hold the
 * transaction and have checked the values.
 */
@Repository
class RunInputsStore {

  /** What a run recorded. */
  record Recorded(
      List<DatasetInputJson> datasets, List<ModelInputJson> inputs, List<ModelOutputJson> outputs) {

    static final Recorded NONE = new Recorded(List.of(), List.of(), List.of());
  }

  private final JdbcTemplate jdbc;

  RunInputsStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void addDatasets(UUID runId, List<DatasetInputJson> datasets) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> rows = new ArrayList<>();
    for (DatasetInputJson input : datasets) {
      DatasetJson d = input.dataset();
      rows.add(
          new Object[] {
            runId,
            d.name(),
            d.digest(),
            d.sourceType(),
            d.source(),
            d.schema(),
            d.profile(),
            JsonMaps.write(KeyValue.mapOf(input.tags())),
            now
          });
    }
    jdbc.batchUpdate(
        "insert into run_dataset_input (run_id, name, digest, source_type, source, schema, profile,"
            + " tags, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (run_id, name, digest) do nothing",
        rows);
  }

  /** Records model ids as the run's inputs ({@code step} null) or outputs at a step. */
  void addModels(UUID runId, String direction, Map<String, Long> modelSteps) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> rows = new ArrayList<>();
    modelSteps.forEach(
        (model, step) -> rows.add(new Object[] {runId, direction, model, step, now}));
    jdbc.batchUpdate(
        "insert into run_model_io (run_id, direction, model_id, step, created_at)"
            + " values (?, ?, ?, ?, ?) on conflict (run_id, direction, model_id) do nothing",
        rows);
  }

  /** What each of the runs recorded, in one query per kind; runs that recorded nothing absent. */
  Map<UUID, Recorded> of(Collection<UUID> runIds) {
    Map<UUID, List<DatasetInputJson>> datasets = new HashMap<>();
    Map<UUID, List<ModelInputJson>> inputs = new HashMap<>();
    Map<UUID, List<ModelOutputJson>> outputs = new HashMap<>();
    if (runIds.isEmpty()) {
      return Map.of();
    }
    Object ids = runIds.toArray(UUID[]::new);
    jdbc.query(
        "select run_id, name, digest, source_type, source, schema, profile, tags"
            + " from run_dataset_input where run_id = any(?) order by run_id, created_at, name",
        rs -> {
          datasets
              .computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
              .add(
                  new DatasetInputJson(
                      KeyValue.listOf(JsonMaps.read(rs.getString(8))),
                      new DatasetJson(
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6),
                          rs.getString(7))));
        },
        ids);
    jdbc.query(
        "select run_id, direction, model_id, step from run_model_io where run_id = any(?)"
            + " order by run_id, created_at, model_id",
        rs -> {
          UUID runId = rs.getObject(1, UUID.class);
          if ("input".equals(rs.getString(2))) {
            inputs
                .computeIfAbsent(runId, id -> new ArrayList<>())
                .add(new ModelInputJson(rs.getString(3)));
          } else {
            outputs
                .computeIfAbsent(runId, id -> new ArrayList<>())
                .add(new ModelOutputJson(rs.getString(3), rs.getObject(4, Long.class)));
          }
        },
        ids);
    Map<UUID, Recorded> recorded = new HashMap<>();
    for (UUID id : runIds) {
      if (datasets.containsKey(id) || inputs.containsKey(id) || outputs.containsKey(id)) {
        recorded.put(
            id,
            new Recorded(
                datasets.getOrDefault(id, List.of()),
                inputs.getOrDefault(id, List.of()),
                outputs.getOrDefault(id, List.of())));
      }
    }
    return recorded;
  }
}
