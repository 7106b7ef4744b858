package dev.kiln.testsupport;

import dev.kiln.embedded.EmbeddedDatabase;
import dev.kiln.embedded.EmbeddedKafka;
import dev.kiln.embedded.EmbeddedS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real infrastructure of one test JVM: started once, on first use, shared by every test and
 * every Spring context in the JVM, and stopped when the JVM exits.
 */
public final class SharedInfrastructure {

  private static SharedInfrastructure instance;

  private final EmbeddedDatabase database;
  private final EmbeddedKafka kafka;
  private final EmbeddedS3 s3;

  private SharedInfrastructure() {
    try {
      Path kafkaLog = Files.createTempDirectory("kiln-test-kafka");
      database = EmbeddedDatabase.transientServer();
      kafka = EmbeddedKafka.start(kafkaLog, 0);
      s3 = EmbeddedS3.start(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shared instance, starting it on the first call. */
  public static synchronized SharedInfrastructure get() {
    if (instance == null) {
      instance = new SharedInfrastructure();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "kiln-test-infrastructure"));
    }
    return instance;
  }

  public EmbeddedDatabase database() {
    return database;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public EmbeddedS3 s3() {
    return s3;
  }

  private void stop() {
    s3.close();
    kafka.close();
    database.close();
  }
}
