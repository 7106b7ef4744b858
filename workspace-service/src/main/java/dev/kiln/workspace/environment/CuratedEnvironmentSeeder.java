package dev.kiln.workspace.environment;

import dev.kiln.common.id.Ids;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes Kiln's curated environments at start. Idempotent and safe on any number of replicas at
 * once: they take turns under an advisory lock, and a version already present is left alone.
 */
@Component
class CuratedEnvironmentSeeder {

  private static final Logger log = LoggerFactory.getLogger(CuratedEnvironmentSeeder.class);

  private final EnvironmentRepository environments;
  private final EnvironmentSpecValidator validator;

  CuratedEnvironmentSeeder(EnvironmentRepository environments, EnvironmentSpecValidator validator) {
    this.environments = environments;
    this.validator = validator;
  }

  /** Adds the curated versions that are missing. */
  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  public void seed() {
    environments.lock("environment:curated");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    int added = 0;
    for (EnvironmentSpec spec : CuratedEnvironments.ALL) {
      EnvironmentDefinition definition = validator.validate(spec);
      var present = environments.version(Scope.CURATED, spec.name(), spec.version());
      if (present.isEmpty()) {
        environments.save(
            new Environment(
                Ids.newId(), Scope.CURATED, spec.name(), spec.version(), definition, now));
        added++;
      } else if (!present.get().contentHash().equals(definition.contentHash())) {
        log.warn(
            "Curated environment {}:{} differs from this release's definition; raise"
                + " CuratedEnvironments.VERSION when changing one.",
            spec.name(),
            spec.version());
      }
    }
    if (added > 0) {
      log.info("Added {} curated environment versions.", added);
    }
  }
}
