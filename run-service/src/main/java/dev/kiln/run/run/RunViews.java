package dev.kiln.run.run;

import dev.kiln.common.events.SubmittedJob;
import dev.kiln.run.JsonMaps;
import dev.kiln.run.experiment.Experiment;
import dev.kiln.run.experiment.ExperimentService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Builds {@link RunResponse}s, a page of runs with a fixed number of queries. */
@Component
public class RunViews {

  private final RunService runs;
  private final ExperimentService experiments;
  private final TagStore tags;
  private final JsonMapper json;

  RunViews(RunService runs, ExperimentService experiments, TagStore tags, JsonMapper json) {
    this.runs = runs;
    this.experiments = experiments;
    this.tags = tags;
    this.json = json;
  }

  @Transactional(readOnly = true)
  public RunResponse view(Run run) {
    return views(List.of(run)).get(0);
  }

  @Transactional(readOnly = true)
  public List<RunResponse> views(List<Run> page) {
    List<UUID> ids = page.stream().map(Run::id).toList();
    Map<UUID, Map<String, String>> tagsByRun = tags.of(ids);
    Map<UUID, Experiment> experimentsById = new HashMap<>();
    page.stream()
        .map(Run::experimentId)
        .distinct()
        .forEach(id -> experimentsById.put(id, experiments.byId(id)));
    Map<UUID, String> parentNames = new HashMap<>();
    runs.byIds(page.stream().map(Run::parentId).filter(Objects::nonNull).distinct().toList())
        .forEach(p -> parentNames.put(p.id(), p.name()));
    return page.stream()
        .map(
            r ->
                of(
                    r,
                    experimentsById.get(r.experimentId()),
                    r.parentId() == null ? null : parentNames.get(r.parentId()),
                    tagsByRun.getOrDefault(r.id(), Map.of())))
        .toList();
  }

  private RunResponse of(Run r, Experiment experiment, String parent, Map<String, String> tags) {
    RunResponse.Error error =
        r.errorCode() == null && r.errorMessage() == null
            ? null
            : new RunResponse.Error(r.errorCode(), r.errorMessage());
    return new RunResponse(
        r.id().toString(),
        r.name(),
        r.displayName(),
        r.description(),
        experiment.name(),
        experiment.mlflowId(),
        r.status(),
        r.deleted() ? "deleted" : "active",
        parent,
        r.submittedName(),
        r.createdAt(),
        r.startTime(),
        r.endTime(),
        error,
        tags,
        JsonMaps.read(r.propertiesJson()),
        r.snapshotId(),
        r.jobJson() == null ? null : json.readValue(r.jobJson(), SubmittedJob.class));
  }
}
