package dev.kiln.run.job;

import dev.kiln.common.auth.Identity;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.events.RunSubmitted;
import dev.kiln.common.events.SubmittedJob;
import dev.kiln.run.experiment.Experiment;
import dev.kiln.run.experiment.ExperimentService;
import dev.kiln.run.run.NewRun;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import dev.kiln.run.run.RunStatus;
import dev.kiln.run.snapshot.SnapshotService;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits command jobs: reads and checks the spec, checks the run could be created, resolves the
 * references (calls to other services, made before any transaction), then stores the {@code Queued}
 * run with its accepted spec and publishes {@link RunSubmitted} in one transaction.
 */
@Service
class JobSubmissions {

  private final RunService runs;
  private final ExperimentService experiments;
  private final SnapshotService snapshots;
  private final JobReferences references;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  JobSubmissions(
      RunService runs,
      ExperimentService experiments,
      SnapshotService snapshots,
      JobReferences references,
      ApplicationEventPublisher events,
      JsonMapper json) {
    this.runs = runs;
    this.experiments = experiments;
    this.snapshots = snapshots;
    this.references = references;
    this.events = events;
    this.json = json;
  }

  /** A checked, resolved job ready to be stored. */
  record Accepted(String experimentName, NewRun run, SubmittedJob job) {}

  /**
   * Checks and resolves the job spec {@code body} ({@code text} as sent, for the lines of
   * messages); writes nothing but, when every check passed, an inline environment's version.
   */
  Accepted accept(String workspace, UUID workspaceId, JsonNode body, String text) {
    JobDraft draft = new JobSpecReader(json, text).read(body);
    JobDraft.RunFields fields = draft.run();
    String experimentName =
        ExperimentService.requireValidName(
            fields.experimentName() == null ? Experiment.DEFAULT_NAME : fields.experimentName());
    NewRun run =
        new NewRun(
            fields.name(),
            fields.displayName(),
            fields.description(),
            null,
            fields.tags(),
            fields.properties(),
            draft.snapshotId(),
            RunStatus.QUEUED,
            null);
    // Before the other services are asked (and an inline environment registered): what the run
    // itself would be refused for.
    experiments.requireOpen(workspaceId, experimentName);
    runs.checkNew(workspaceId, run);
    if (draft.snapshotId() != null) {
      try {
        snapshots.requireExists(workspaceId, draft.snapshotId());
      } catch (NotFoundException e) {
        // The snapshot is a reference in the body, like an environment: a bad request, not a 404.
        throw new InvalidRequestException(e.code(), e.getMessage());
      }
    }
    return new Accepted(experimentName, run, references.resolve(workspace, draft));
  }

  /** Stores the run as {@code Queued} and publishes {@link RunSubmitted}, together. */
  @Transactional
  public Run store(String workspace, UUID workspaceId, Accepted accepted, Identity caller) {
    Experiment experiment =
        experiments.getOrCreate(workspaceId, accepted.experimentName(), caller.subject());
    Run run =
        runs.createSubmitted(
            experiment,
            accepted.run(),
            json.writeValueAsString(accepted.job()),
            caller.subject(),
            caller.name());
    events.publishEvent(
        RunSubmitted.of(
            workspaceId,
            workspace,
            run.id(),
            run.name(),
            userId(caller),
            caller.name(),
            accepted.job()));
    return run;
  }

  /** The submitting user's id; null for the platform's own identities, which are no user. */
  private static UUID userId(Identity caller) {
    try {
      return UUID.fromString(caller.subject());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
