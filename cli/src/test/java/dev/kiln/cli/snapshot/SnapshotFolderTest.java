package dev.kiln.cli.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.error.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFolderTest {

  @TempDir Path folder;

  private void write(String path, String content) throws IOException {
    Path file = folder.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private SnapshotFolder scan() {
    return SnapshotFolder.scan(folder);
  }

  @Test
  void honoursGitignoreWhenThereIsNoAmlignore() throws IOException {
    write(".gitignore", "*.log\ndata/\n!keep.log\n");
    write("train.py", "print(1)");
    write("run.log", "noise");
    write("keep.log", "kept");
    write("data/big.csv", "1,2");
    write("src/util.py", "x = 1");
    assertThat(scan().files())
        .extracting(SnapshotFile::path)
        .containsExactly(".gitignore", "keep.log", "src/util.py", "train.py");
    assertThat(scan().ignored()).isEqualTo(2);
  }

  @Test
  void prefersAmlignoreOverGitignore() throws IOException {
    write(".gitignore", "*.py\n");
    write(".amlignore", "*.csv\n");
    write("train.py", "print(1)");
    write("data.csv", "1,2");
    assertThat(scan().files())
        .extracting(SnapshotFile::path)
        .containsExactly(".amlignore", ".gitignore", "train.py");
  }

  @Test
  void appliesTheRulesOfNestedFoldersBelowThem() throws IOException {
    write("train.py", "print(1)");
    write("notebooks/.amlignore", "*.ipynb\n");
    write("notebooks/explore.ipynb", "{}");
    write("notebooks/helper.py", "y = 2");
    write("other/explore.ipynb", "{}");
    assertThat(scan().files())
        .extracting(SnapshotFile::path)
        .containsExactly(
            "notebooks/.amlignore", "notebooks/helper.py", "other/explore.ipynb", "train.py");
  }

  @Test
  void leavesOutTheGitFolderAndSymbolicLinks() throws IOException {
    write("train.py", "print(1)");
    write(".git/config", "[core]");
    Path outside = Files.createTempFile("outside", ".txt");
    Files.createSymbolicLink(folder.resolve("link.txt"), outside);
    SnapshotFolder scanned = scan();
    assertThat(scanned.files()).extracting(SnapshotFile::path).containsExactly("train.py");
    assertThat(scanned.skippedLinks()).isEqualTo(1);
  }

  @Test
  void hashesEachFile() throws IOException {
    write("a.txt", "abc");
    SnapshotFile file = scan().files().get(0);
    assertThat(file.sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(file.size()).isEqualTo(3);
  }

  @Test
  void refusesAPathThatIsNotAFolder() throws IOException {
    write("a.txt", "abc");
    assertThatThrownBy(() -> SnapshotFolder.scan(folder.resolve("a.txt")))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("is not a folder");
  }

  @Test
  void recordsTheBranchCommitRemoteAndDirtiness() throws Exception {
    write("train.py", "print(1)");
    try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
      git.getRepository()
          .getConfig()
          .setString("remote", "origin", "url", "https://example.com/r.git");
      git.getRepository().getConfig().save();
      git.add().addFilepattern(".").call();
      String commit =
          git.commit()
              .setMessage("first")
              .setAuthor("t", "t@example.com")
              .setCommitter("t", "t@example.com")
              .setSign(false)
              .call()
              .name();
      GitFacts clean = GitFacts.of(folder).orElseThrow();
      assertThat(clean).isEqualTo(new GitFacts("https://example.com/r.git", "main", commit, false));
      write("train.py", "print(2)");
      assertThat(GitFacts.of(folder).orElseThrow().dirty()).isTrue();
      assertThat(GitFacts.of(folder).orElseThrow().asProperties())
          .containsEntry("azureml.git.commit", commit)
          .containsEntry("mlflow.source.git.commit", commit)
          .containsEntry("azureml.git.dirty", "true");
    }
  }

  @Test
  void hasNoGitFactsOutsideARepository() {
    assertThat(GitFacts.of(folder)).isEmpty();
  }
}
