package dev.kiln.cli.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * What git says of a code folder, recorded on the run as Azure ML and MLflow record it.
 *
 * @param repository the URL of the {@code origin} remote, or {@code null}
 * @param branch the checked-out branch, or {@code null} when HEAD is detached
 * @param commit the commit HEAD points to, or {@code null} in a repository without commits
 * @param dirty whether tracked or untracked files differ from that commit
 */
public record GitFacts(String repository, String branch, String commit, boolean dirty) {

  /** The facts of the repository holding {@code folder}, or empty when it is in none. */
  public static Optional<GitFacts> of(Path folder) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(folder.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    try (Repository repository = builder.readEnvironment().build();
        Git git = new Git(repository)) {
      ObjectId head = repository.resolve("HEAD");
      String branch = repository.getFullBranch();
      return Optional.of(
          new GitFacts(
              repository.getConfig().getString("remote", "origin", "url"),
              branch != null && branch.startsWith("refs/heads/") ? repository.getBranch() : null,
              head == null ? null : head.name(),
              !git.status().call().isClean()));
    } catch (IOException | GitAPIException e) {
      return Optional.empty();
    }
  }

  /** The run properties Azure ML sets, and the tags MLflow sets, for these facts. */
  public Map<String, String> asProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    if (repository != null) {
      properties.put("azureml.git.repository_uri", repository);
      properties.put("mlflow.source.git.repoURL", repository);
    }
    if (branch != null) {
      properties.put("azureml.git.branch", branch);
      properties.put("mlflow.source.git.branch", branch);
    }
    if (commit != null) {
      properties.put("azureml.git.commit", commit);
      properties.put("mlflow.source.git.commit", commit);
    }
    properties.put("azureml.git.dirty", Boolean.toString(dirty));
    return properties;
  }
}
