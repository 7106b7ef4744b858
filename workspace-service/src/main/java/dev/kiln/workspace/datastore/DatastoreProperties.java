package dev.kiln.workspace.datastore;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where {@code local} datastores may point: folders under one of {@code
 * kiln.datastores.local-roots} (environment {@code KILN_DATASTORES_LOCAL_ROOTS}, comma-separated).
 * With none configured, no local datastore can be made.
 */
@ConfigurationProperties("kiln.datastores")
record DatastoreProperties(List<Path> localRoots) {

  DatastoreProperties {
    localRoots =
        localRoots == null
            ? List.of()
            : localRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }
}
