package dev.kiln.launcher.kubernetes;

import dev.kiln.launcher.LogStream;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lines of a workload's pod log.
 *
 * <p>Following, it reads the API server's log stream ({@code watchLog}). That stream may end before
 * the workload does: the API server or kubelet drops long streams, and a pod's container may not
 * have started yet. So at the end of a stream it asks whether the workload has ended; if not, it
 * waits briefly and opens the log again, skipping the lines it already returned. Once the workload
 * has ended it reads the log one last time for the lines written after the last read.
 */
final class KubernetesLogStream implements LogStream {

  private static final Duration RECONNECT_PAUSE = Duration.ofMillis(250);

  private final Supplier<Optional<Pod>> newestPod;
  private final Function<String, ContainerResource> container;
  private final BooleanSupplier workloadEnded;
  private final boolean follow;

  private String podName;
  private long delivered;
  private BufferedReader reader;
  private Closeable connection;
  private boolean lastRead;
  private boolean ended;
  private volatile boolean closed;

  /**
   * @param newestPod the workload's current pod, if any
   * @param container the workload's container in the named pod
   * @param workloadEnded whether the workload has ended (or no longer exists)
   */
  KubernetesLogStream(
      Supplier<Optional<Pod>> newestPod,
      Function<String, ContainerResource> container,
      BooleanSupplier workloadEnded,
      boolean follow) {
    this.newestPod = newestPod;
    this.container = container;
    this.workloadEnded = workloadEnded;
    this.follow = follow;
  }

  @Override
  public String nextLine() {
    while (!ended && !closed) {
      if (reader == null && !open()) {
        if (!follow || lastRead) {
          ended = true;
        } else {
          decideAfterEndOfStream();
        }
        continue;
      }
      String line = readLine();
      if (line != null) {
        delivered++;
        return line;
      }
      disconnect();
      if (!follow || lastRead) {
        ended = true;
      } else {
        decideAfterEndOfStream();
      }
    }
    return null;
  }

  @Override
  public void close() {
    closed = true;
    disconnect();
  }

  /** At the end of a followed stream: one last read if the workload ended, else wait and retry. */
  private void decideAfterEndOfStream() {
    if (workloadEnded.getAsBoolean()) {
      lastRead = true;
      return;
    }
    try {
      Thread.sleep(RECONNECT_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("Interrupted while following logs", e));
    }
  }

  /** Opens the current pod's log past the lines already returned; false when there is none. */
  private boolean open() {
    Optional<Pod> pod = newestPod.get().filter(WorkloadStatuses::started);
    if (pod.isEmpty()) {
      return false;
    }
    String name = pod.get().getMetadata().getName();
    if (!name.equals(podName)) {
      // A replaced pod (a restarted service) has a log of its own, from its first line.
      podName = name;
      delivered = 0;
    }
    try {
      InputStream in;
      if (follow && !lastRead) {
        LogWatch watch = container.apply(name).watchLog();
        connection = watch;
        in = watch.getOutput();
      } else {
        in = container.apply(name).getLogInputStream();
        connection = in;
      }
      reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (long skipped = 0; skipped < delivered; skipped++) {
        if (reader.readLine() == null) {
          break;
        }
      }
      return true;
    } catch (KubernetesClientException gone) {
      // The pod was deleted, or its container is not there yet: no log for now.
      disconnect();
      return false;
    } catch (IOException e) {
      disconnect();
      throw new UncheckedIOException("Reading the pod's log failed", e);
    }
  }

  private String readLine() {
    try {
      return reader.readLine();
    } catch (IOException e) {
      if (closed) {
        return null;
      }
      throw new UncheckedIOException("Reading the pod's log failed", e);
    }
  }

  private void disconnect() {
    reader = null;
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException | RuntimeException ignored) {
        // Closing a log stream that already broke: nothing left to release.
      }
      connection = null;
    }
  }
}
