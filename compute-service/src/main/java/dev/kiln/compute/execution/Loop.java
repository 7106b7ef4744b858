package dev.kiln.compute.execution;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A background pass repeated on its own thread at a fixed delay, started and stopped with the
 * context, and not at all when {@code kiln.compute.scheduler.enabled} is false. Passes never
 * overlap; {@link #runSoon()} asks for an extra one.
 */
abstract class Loop implements SmartLifecycle {

  private final String name;
  private final Duration every;
  private final boolean enabled;
  private volatile ScheduledExecutorService thread;

  Loop(String name, Duration every, boolean enabled) {
    this.name = name;
    this.every = every;
    this.enabled = enabled;
  }

  /** One pass; it must not throw (a failed pass is logged and the next one retries). */
  abstract void tick();

  void runSoon() {
    ScheduledExecutorService current = thread;
    if (current != null && !current.isShutdown()) {
      current.execute(this::tick);
    }
  }

  @Override
  public void start() {
    if (!enabled) {
      return;
    }
    thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    long millis = every.toMillis();
    thread.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService current = thread;
    if (current != null) {
      current.shutdownNow();
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }
}
