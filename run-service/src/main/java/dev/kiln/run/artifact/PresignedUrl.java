package dev.kiln.run.artifact;

import java.net.URI;
import java.time.Instant;

/**
 * A URL that reads or writes one object of the store directly, without passing through Kiln.
 *
 * @param url the signed URL; whoever holds it may use it until it expires
 * @param method the HTTP method it is signed for: {@code GET} or {@code PUT}
 * @param expiresAt when it stops working
 */
public record PresignedUrl(URI url, String method, Instant expiresAt) {}
