package dev.kiln.common.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.util.UriUtils;

/**
 * Where to fetch a set of files, one URL each: a URL signed by the object store, fetched without
 * credentials until {@code expiresAt}, or, where the store cannot sign (the filesystem store), the
 * API path of the file, fetched through the gateway with the caller's own token. A workload's
 * runner reads its code snapshot and its datastore inputs this way, so the bytes go straight from
 * storage to the workload.
 */
public record DownloadUrls(List<File> files, Instant expiresAt) {

  /** How long a signed URL works: long enough to fetch a large folder one file after another. */
  public static final Duration VALIDITY = Duration.ofHours(6);

  /**
   * One file.
   *
   * @param path the file's path: relative to the snapshot, or to the datastore's root
   * @param size its size in bytes
   * @param url a signed URL ({@code http://} or {@code https://}) or an API path ({@code /api/…})
   */
  public record File(String path, long size, String url) {

    /** The file at the URL the store signed, or else at its API path below {@code apiFolder}. */
    public static File signedOr(Optional<URI> signed, String path, long size, String apiFolder) {
      return new File(
          path,
          size,
          signed
              .map(URI::toString)
              .orElseGet(() -> apiFolder + UriUtils.encodePath(path, StandardCharsets.UTF_8)));
    }
  }

  /** Files whose URLs were signed now, valid for {@link #VALIDITY}. */
  public static DownloadUrls signedNow(List<File> files) {
    return new DownloadUrls(files, Instant.now().plus(VALIDITY));
  }
}
