package dev.kiln.workspace.datastore;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;

/** Tries a datastore's connection; the answer never carries a credential. */
@Component
class ConnectionTester {

  record Result(boolean ok, String detail) {}

  Result test(Datastore datastore, String accessKeyId, String secretAccessKey) {
    return switch (datastore.type()) {
      case PLATFORM -> new Result(true, "The workspace's own store on the platform.");
      case LOCAL -> local(Path.of(datastore.path()));
      case S3 -> s3(datastore, accessKeyId, secretAccessKey);
    };
  }

  private static Result local(Path path) {
    if (!Files.isDirectory(path)) {
      return new Result(false, "The folder does not exist.");
    }
    return Files.isReadable(path)
        ? new Result(true, "The folder is readable.")
        : new Result(false, "The folder is not readable by the platform.");
  }

  private static Result s3(Datastore datastore, String accessKeyId, String secretAccessKey) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(10, TimeUnit.SECONDS)
            .build();
    try {
      MinioClient client = S3DatastoreFiles.client(datastore, accessKeyId, secretAccessKey, http);
      boolean exists =
          client.bucketExists(BucketExistsArgs.builder().bucket(datastore.bucket()).build());
      return exists
          ? new Result(
              true, "Bucket '" + datastore.bucket() + "' is reachable with these credentials.")
          : new Result(false, "Bucket '" + datastore.bucket() + "' does not exist.");
    } catch (io.minio.errors.ErrorResponseException e) {
      return new Result(false, "The store refused: " + e.errorResponse().code());
    } catch (Exception e) {
      return new Result(false, "Could not reach the store: " + e.getClass().getSimpleName());
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
