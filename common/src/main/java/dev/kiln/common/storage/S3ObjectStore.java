package dev.kiln.common.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.HttpUtils;
import io.minio.http.Method;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Keeps objects in one bucket of an S3-compatible server (AWS S3, MinIO, s3proxy, ...) through the
 * MinIO Java client. The bucket is created at construction when it is missing.
 *
 * <p>Objects of unknown length are uploaded in parts of {@value #PART_SIZE} bytes, so at most one
 * part is held in memory per upload. Owns an HTTP client: {@link #close()} releases it.
 *
 * <p>Signed URLs (signature V4, computed locally) name the <em>public endpoint</em> when one is
 * given: the address clients reach the server at, which may differ from the one services use (a
 * container network name, say). The signature covers the host, so a URL works only at the address
 * it names.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

  /** The part size of multipart uploads of unknown length: 10 MiB. */
  public static final long PART_SIZE = 10L * 1024 * 1024;

  private static final Set<String> NOT_FOUND_CODES =
      Set.of("NoSuchKey", "NoSuchObject", "NotFound");
  private static final Set<String> INVALID_PARTS_CODES =
      Set.of("InvalidPart", "InvalidPartOrder", "EntityTooSmall", "MalformedXML");
  private static final String BINARY = "application/octet-stream";

  /** How long a call to the server may connect, write or read: MinIO's own default. */
  private static final long TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);

  private final MinioClient client;
  private final S3MultipartCalls multipart;
  private final MinioClient signer;
  private final String bucket;
  private final String region;

  /**
   * Connects to {@code endpoint} and makes sure {@code bucket} exists.
   *
   * @param endpoint for example {@code https://s3.eu-west-1.amazonaws.com} or {@code
   *     http://127.0.0.1:9000}
   * @param region the bucket's region; blank lets the client ask the server
   * @param bucket a bucket name of 3 to 63 characters
   * @param accessKey the access key, or blank for anonymous access
   * @param secretKey the secret key; never logged
   */
  public S3ObjectStore(
      String endpoint, String region, String bucket, String accessKey, String secretKey) {
    this(endpoint, region, bucket, accessKey, secretKey, null);
  }

  /**
   * Connects to {@code endpoint}, makes sure {@code bucket} exists, and signs URLs for {@code
   * publicEndpoint}.
   *
   * @param publicEndpoint the S3 API base URL as clients reach it, for example {@code
   *     https://s3.kiln.example.com}; blank signs URLs for {@code endpoint}
   * @see #S3ObjectStore(String, String, String, String, String)
   */
  public S3ObjectStore(
      String endpoint,
      String region,
      String bucket,
      String accessKey,
      String secretKey,
      String publicEndpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException("The S3 endpoint must be set");
    }
    if (bucket == null || bucket.length() < 3 || bucket.length() > 63) {
      throw new IllegalArgumentException(
          "The S3 bucket name must be 3 to 63 characters long: '" + bucket + "'");
    }
    boolean hasRegion = region != null && !region.isBlank();
    boolean hasCredentials = accessKey != null && !accessKey.isBlank();
    // One HTTP client serves every MinIO client below; closing the main one releases it.
    OkHttpClient http =
        HttpUtils.newDefaultHttpClient(TIMEOUT_MILLIS, TIMEOUT_MILLIS, TIMEOUT_MILLIS);
    MinioClient.Builder builder = MinioClient.builder().endpoint(endpoint).httpClient(http, true);
    MinioAsyncClient.Builder asyncBuilder =
        MinioAsyncClient.builder().endpoint(endpoint).httpClient(http);
    if (hasRegion) {
      builder.region(region);
      asyncBuilder.region(region);
    }
    if (hasCredentials) {
      builder.credentials(accessKey, secretKey);
      asyncBuilder.credentials(accessKey, secretKey);
    }
    this.client = builder.build();
    this.multipart = new S3MultipartCalls(asyncBuilder.build());
    this.bucket = bucket;
    this.region = hasRegion ? region : null;
    createBucketIfMissing();
    if (publicEndpoint == null || publicEndpoint.isBlank()) {
      this.signer = client;
    } else {
      // Signing needs the region; a signer at an address this service may not reach must not ask.
      MinioClient.Builder signerBuilder =
          MinioClient.builder()
              .endpoint(publicEndpoint)
              .httpClient(http)
              .region(
                  hasRegion
                      ? region
                      : call("find the bucket's region", () -> multipart.regionOf(bucket)));
      if (hasCredentials) {
        signerBuilder.credentials(accessKey, secretKey);
      }
      this.signer = signerBuilder.build();
    }
  }

  /** The bucket that holds the objects. */
  public String bucket() {
    return bucket;
  }

  @Override
  public void put(String key, InputStream content, long length) {
    ObjectKeys.requireValidKey(key);
    if (length < -1) {
      throw new IllegalArgumentException("length must be -1 (unknown) or >= 0: " + length);
    }
    long partSize = length < 0 ? PART_SIZE : -1;
    call(
        "write object '" + key + "'",
        () ->
            client.putObject(
                PutObjectArgs.builder().bucket(bucket).object(key).stream(content, length, partSize)
                    .contentType(BINARY)
                    .build()));
  }

  @Override
  public InputStream get(String key) {
    ObjectKeys.requireValidKey(key);
    try {
      return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
    } catch (ErrorResponseException e) {
      if (isNotFound(e)) {
        throw new ObjectNotFoundException(key);
      }
      throw failure("read object '" + key + "'", e);
    } catch (Exception e) {
      throw failure("read object '" + key + "'", e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    ObjectKeys.requireValidKey(key);
    try {
      StatObjectResponse stat =
          client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
      return Optional.of(
          new ObjectInfo(key, stat.size(), stat.lastModified().toInstant(), unquote(stat.etag())));
    } catch (ErrorResponseException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw failure("stat object '" + key + "'", e);
    } catch (Exception e) {
      throw failure("stat object '" + key + "'", e);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    ObjectKeys.requireValidPrefix(prefix);
    List<ObjectInfo> objects = new ArrayList<>();
    Iterable<Result<Item>> results =
        client.listObjects(
            ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build());
    for (Result<Item> result : results) {
      Item item = call("list objects under '" + prefix + "'", result::get);
      if (!item.isDir()) {
        objects.add(
            new ObjectInfo(
                item.objectName(),
                item.size(),
                item.lastModified().toInstant(),
                unquote(item.etag())));
      }
    }
    objects.sort(Comparator.comparing(ObjectInfo::key));
    return objects;
  }

  @Override
  public boolean delete(String key) {
    if (stat(key).isEmpty()) {
      return false;
    }
    call(
        "delete object '" + key + "'",
        () -> {
          client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
          return null;
        });
    return true;
  }

  @Override
  public int deletePrefix(String prefix) {
    List<DeleteObject> doomed = new ArrayList<>();
    for (ObjectInfo object : list(prefix)) {
      doomed.add(new DeleteObject(object.key()));
    }
    if (doomed.isEmpty()) {
      return 0;
    }
    // The client sends batches of up to 1,000 keys, lazily: the results must be consumed.
    List<String> errors = new ArrayList<>();
    for (Result<DeleteError> result :
        client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(doomed).build())) {
      DeleteError error = call("delete objects under '" + prefix + "'", result::get);
      errors.add(error.objectName() + ": " + error.code());
    }
    if (!errors.isEmpty()) {
      throw new ObjectStoreException(
          "Cannot delete " + errors.size() + " objects under '" + prefix + "': " + errors);
    }
    return doomed.size();
  }

  @Override
  public Optional<URI> presignGet(String key, Duration ttl) {
    return Optional.of(presign(Method.GET, key, ttl, Map.of()));
  }

  @Override
  public Optional<URI> presignPut(String key, Duration ttl) {
    return Optional.of(presign(Method.PUT, key, ttl, Map.of()));
  }

  @Override
  public String startMultipart(String key) {
    ObjectKeys.requireValidKey(key);
    return call(
        "start a multipart upload of '" + key + "'", () -> multipart.create(bucket, region, key));
  }

  @Override
  public URI presignPart(String key, String uploadId, int partNumber, Duration ttl) {
    requireUploadId(uploadId);
    if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw new IllegalArgumentException(
          "Part numbers run from 1 to " + MAX_PART_NUMBER + ": " + partNumber);
    }
    return presign(
        Method.PUT,
        key,
        ttl,
        Map.of("uploadId", uploadId, "partNumber", Integer.toString(partNumber)));
  }

  @Override
  public void completeMultipart(String key, String uploadId, List<Part> parts) {
    ObjectKeys.requireValidKey(key);
    requireUploadId(uploadId);
    if (parts == null || parts.isEmpty()) {
      throw new IllegalArgumentException("A multipart upload is completed with at least one part");
    }
    io.minio.messages.Part[] ordered =
        parts.stream()
            .sorted(Comparator.comparingInt(Part::number))
            .map(part -> new io.minio.messages.Part(part.number(), part.etag()))
            .toArray(io.minio.messages.Part[]::new);
    String what = "complete the multipart upload of '" + key + "'";
    try {
      multipart.complete(bucket, region, key, uploadId, ordered);
    } catch (ErrorResponseException e) {
      throw multipartFailure(what, key, uploadId, e);
    } catch (Exception e) {
      throw failure(what, e);
    }
  }

  @Override
  public void abortMultipart(String key, String uploadId) {
    ObjectKeys.requireValidKey(key);
    requireUploadId(uploadId);
    String what = "abort the multipart upload of '" + key + "'";
    try {
      multipart.abort(bucket, region, key, uploadId);
    } catch (ErrorResponseException e) {
      throw multipartFailure(what, key, uploadId, e);
    } catch (Exception e) {
      throw failure(what, e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      throw failure("close the S3 client", e);
    }
  }

  @Override
  public String toString() {
    return "S3ObjectStore[" + bucket + "]";
  }

  private void createBucketIfMissing() {
    call(
        "create bucket '" + bucket + "'",
        () -> {
          if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            try {
              client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            } catch (ErrorResponseException e) {
              // Another replica created it first.
              if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                throw e;
              }
            }
          }
          return null;
        });
  }

  private URI presign(Method method, String key, Duration ttl, Map<String, String> query) {
    ObjectKeys.requireValidKey(key);
    ObjectStore.requireValidTtl(ttl);
    String url =
        call(
            "sign a URL for '" + key + "'",
            () ->
                signer.getPresignedObjectUrl(
                    GetPresignedObjectUrlArgs.builder()
                        .method(method)
                        .bucket(bucket)
                        .object(key)
                        .expiry((int) ttl.toSeconds(), TimeUnit.SECONDS)
                        .extraQueryParams(query)
                        .build()));
    return URI.create(url);
  }

  private static void requireUploadId(String uploadId) {
    if (uploadId == null || uploadId.isBlank()) {
      throw new IllegalArgumentException("The multipart upload id must not be blank");
    }
  }

  private ObjectStoreException multipartFailure(
      String what, String key, String uploadId, ErrorResponseException e) {
    String code = e.errorResponse().code();
    if ("NoSuchUpload".equals(code)) {
      return new UploadNotFoundException(key, uploadId);
    }
    if (INVALID_PARTS_CODES.contains(code)) {
      return new InvalidUploadPartsException(
          "Cannot " + what + ": " + code + ": " + e.errorResponse().message(), e);
    }
    return failure(what, e);
  }

  private <T> T call(String what, S3Call<T> call) {
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw failure(what, e);
    }
  }

  private ObjectStoreException failure(String what, Exception e) {
    return new ObjectStoreException(
        "Cannot " + what + " in S3 bucket '" + bucket + "': " + e.getMessage(), e);
  }

  private static boolean isNotFound(ErrorResponseException e) {
    return NOT_FOUND_CODES.contains(e.errorResponse().code());
  }

  private static String unquote(String etag) {
    if (etag == null) {
      return "";
    }
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  /** One call of the MinIO client, which declares many checked exceptions. */
  @FunctionalInterface
  private interface S3Call<T> {
    T call() throws Exception;
  }
}
