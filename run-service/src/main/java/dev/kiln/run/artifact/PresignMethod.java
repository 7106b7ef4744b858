package dev.kiln.run.artifact;

import dev.kiln.common.error.InvalidRequestException;

/** What a presigned URL lets its holder do with one artifact. */
public enum PresignMethod {
  /** Download the file. */
  GET,
  /** Upload the whole file in one request (up to 5 GiB on S3). */
  PUT;

  /**
   * Parses {@code GET} or {@code PUT}, in capitals as HTTP spells them.
   *
   * @throws InvalidRequestException 400 {@code invalid_method} for anything else
   */
  public static PresignMethod parse(String text) {
    if ("GET".equals(text)) {
      return GET;
    }
    if ("PUT".equals(text)) {
      return PUT;
    }
    throw new InvalidRequestException(
        "invalid_method", "A presigned URL is for method GET or PUT, not '" + text + "'.");
  }
}
