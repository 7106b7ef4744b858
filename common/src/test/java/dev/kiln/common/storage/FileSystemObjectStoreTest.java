package dev.kiln.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemObjectStoreTest extends ObjectStoreContractTest {

  @TempDir Path folder;
  private Path root;
  private FileSystemObjectStore store;

  @BeforeEach
  void openStore() {
    root = folder.resolve("objects");
    store = new FileSystemObjectStore(root);
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Test
  void keepsObjectsAsFilesUnderRoot() throws IOException {
    store.put("a/b/c.txt", bytes("content"));

    assertThat(Files.readString(root.resolve("a/b/c.txt"))).isEqualTo("content");
    assertThat(new FileSystemObjectStore(root).list(""))
        .extracting(ObjectInfo::key)
        .containsExactly("a/b/c.txt");
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws IOException {
    store.put("a/b.txt", bytes("first"));
    store.put("a/b.txt", bytes("second"));
    assertThatThrownBy(() -> store.put("a/c.txt", TestContent.failingAfter(bytes("xy")), 100))
        .isInstanceOf(ObjectStoreException.class);

    assertThat(filesUnder(root)).containsExactly(root.resolve("a/b.txt"));
  }

  @Test
  void deleteRemovesEmptiedFolders() throws IOException {
    store.put("runs/1/outputs/deep/model.bin", bytes("x"));
    store.put("runs/2/a", bytes("y"));

    store.delete("runs/1/outputs/deep/model.bin");

    assertThat(root.resolve("runs/1")).doesNotExist();
    assertThat(root.resolve("runs/2/a")).exists();
  }

  @Test
  void deletePrefixRemovesEmptiedFolders() throws IOException {
    store.put("runs/1/a/b/c", bytes("x"));
    store.put("runs/1/d", bytes("y"));
    store.put("keep/e", bytes("z"));

    assertThat(store.deletePrefix("runs/")).isEqualTo(2);

    assertThat(root.resolve("runs")).doesNotExist();
    assertThat(root).exists();
    assertThat(store.deletePrefix("")).isEqualTo(1);
    try (Stream<Path> children = Files.list(root)) {
      assertThat(children).isEmpty();
    }
  }

  @Test
  void refusesKeyThatEscapesRootThroughSymbolicLink() throws IOException {
    Path outside = Files.createDirectories(folder.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("link"), outside);

    assertThatThrownBy(() -> store.get("link/secret.txt"))
        .isInstanceOf(InvalidObjectKeyException.class)
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> store.put("link/planted.txt", bytes("x")))
        .isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> store.list("link/")).isInstanceOf(InvalidObjectKeyException.class);
    assertThat(store.list("")).isEmpty();
    assertThat(outside.resolve("planted.txt")).doesNotExist();
  }

  @Test
  void refusesKeyThroughDanglingSymbolicLink() throws IOException {
    Path missing = folder.resolve("missing");
    Files.createSymbolicLink(root.resolve("dangling"), missing);

    assertThatThrownBy(() -> store.put("dangling/sub/planted.txt", bytes("x")))
        .isInstanceOf(InvalidObjectKeyException.class);
    assertThat(missing).doesNotExist();
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void refusesKeyThatIsBothObjectAndFolder() {
    store.put("a", bytes("file"));
    store.put("b/c", bytes("nested"));

    assertThatThrownBy(() -> store.put("a/x", bytes("x")))
        .isInstanceOf(ObjectKeyConflictException.class);
    assertThatThrownBy(() -> store.put("b", bytes("x")))
        .isInstanceOf(ObjectKeyConflictException.class);
    assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a", "b/c");
  }

  @Test
  void refusesReservedAndOverlongSegments() {
    assertThatThrownBy(() -> store.put("a/.kiln-upload-1.tmp", bytes("x")))
        .isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> store.put("a/" + "n".repeat(256), bytes("x")))
        .isInstanceOf(InvalidObjectKeyException.class);
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void survivesConcurrentWritesAndDeletesInSameFolder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> workers = new ArrayList<>();
      for (int worker = 0; worker < 4; worker++) {
        String name = "w" + worker;
        workers.add(
            () -> {
              for (int i = 0; i < 200; i++) {
                String key = "shared/folder/" + name + "-" + i;
                store.put(key, bytes(key));
                assertThat(store.delete(key)).isTrue();
              }
              return 200;
            });
      }
      for (Future<Integer> done : pool.invokeAll(workers, 2, TimeUnit.MINUTES)) {
        assertThat(done.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.list("")).isEmpty();
    assertThat(root.resolve("shared")).doesNotExist();
  }

  @Test
  void signsNoUrls() {
    store.put("a.txt", bytes("x"));

    assertThat(store.presignGet("a.txt", Duration.ofMinutes(1))).isEmpty();
    assertThat(store.presignPut("b.txt", Duration.ofMinutes(1))).isEmpty();
    assertThatThrownBy(() -> store.presignGet("a.txt", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a.txt");
  }

  @Test
  void refusesMultipartUploadsAndWritesNothing() throws IOException {
    assertThatThrownBy(() -> store.startMultipart("big.bin"))
        .isInstanceOf(UnsupportedStoreOperationException.class)
        .hasMessageContaining("no multipart uploads");
    assertThatThrownBy(() -> store.presignPart("big.bin", "u", 1, Duration.ofMinutes(1)))
        .isInstanceOf(UnsupportedStoreOperationException.class);
    assertThatThrownBy(
            () -> store.completeMultipart("big.bin", "u", List.of(new ObjectStore.Part(1, "e"))))
        .isInstanceOf(UnsupportedStoreOperationException.class);
    assertThatThrownBy(() -> store.abortMultipart("big.bin", "u"))
        .isInstanceOf(UnsupportedStoreOperationException.class);

    assertThat(filesUnder(root)).isEmpty();
  }

  private static List<Path> filesUnder(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(Files::isRegularFile).toList();
    }
  }
}
