package dev.kiln.common.id;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): unique without coordination, and sorted by creation
 * time, which keeps B-tree indexes compact and makes keyset paging by id follow creation order.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static UUID newId() {
    long millis = System.currentTimeMillis();
    long randomA = RANDOM.nextInt(1 << 12);
    long randomB = RANDOM.nextLong();
    long mostSignificant = (millis << 16) | (0x7L << 12) | randomA;
    long leastSignificant = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(mostSignificant, leastSignificant);
  }
}
