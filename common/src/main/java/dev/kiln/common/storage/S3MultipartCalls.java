package dev.kiln.common.storage;

import io.minio.MinioAsyncClient;
import io.minio.messages.Part;

/**
 * The S3 calls that the MinIO client keeps {@code protected} (it drives multipart uploads itself
 * inside {@code putObject}), opened up for uploads whose parts clients send through signed URLs.
 * Shares the HTTP client of the client it copies.
 */
final class S3MultipartCalls extends MinioAsyncClient {

  S3MultipartCalls(MinioAsyncClient client) {
    super(client);
  }

  /** Starts an upload (the client marks it {@code application/octet-stream}); answers its id. */
  String create(String bucket, String region, String key) throws Exception {
    return createMultipartUpload(bucket, region, key, null, null).result().uploadId();
  }

  void complete(String bucket, String region, String key, String uploadId, Part[] parts)
      throws Exception {
    completeMultipartUpload(bucket, region, key, uploadId, parts, null, null);
  }

  void abort(String bucket, String region, String key, String uploadId) throws Exception {
    abortMultipartUpload(bucket, region, key, uploadId, null, null);
  }

  /** The bucket's region, as the server tells it. */
  String regionOf(String bucket) throws Exception {
    return getRegion(bucket, null);
  }
}
