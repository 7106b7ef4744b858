package dev.kiln.workspace.datastore;

import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.storage.DownloadUrls;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The files of an s3 datastore, read with its own credentials: listed, and signed into URLs that
 * read them straight from the bucket. Paths are relative to the datastore's {@code prefix}.
 */
@Component
class S3DatastoreFiles {

  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .connectTimeout(5, TimeUnit.SECONDS)
          .readTimeout(30, TimeUnit.SECONDS)
          .build();

  /** A client of the datastore's bucket; {@code http} decides the timeouts. */
  static MinioClient client(
      Datastore datastore, String accessKeyId, String secretAccessKey, OkHttpClient http) {
    return MinioClient.builder()
        .endpoint(datastore.endpoint())
        .region(datastore.region())
        .credentials(accessKeyId, secretAccessKey)
        .httpClient(http)
        .build();
  }

  /**
   * Signed URLs of the file at {@code path}, or of every file under it when {@code folder}.
   *
   * @throws NotFoundException 404 {@code file_not_found} when there is no such file
   * @throws KilnException 409 {@code datastore_refused} when the store refuses (credentials,
   *     bucket); 503 {@code datastore_unreachable} when it cannot be reached
   */
  DownloadUrls downloadUrls(
      Datastore datastore,
      String accessKeyId,
      String secretAccessKey,
      String path,
      boolean folder,
      int maxFiles) {
    MinioClient client = client(datastore, accessKeyId, secretAccessKey, http);
    String root = folderOf(datastore.prefix());
    List<DownloadUrls.File> files = new ArrayList<>();
    try {
      if (folder) {
        Iterable<Result<Item>> items =
            client.listObjects(
                ListObjectsArgs.builder()
                    .bucket(datastore.bucket())
                    .prefix(root + folderOf(path))
                    .recursive(true)
                    .build());
        for (Result<Item> result : items) {
          Item item = result.get();
          if (item.isDir()) {
            continue;
          }
          if (files.size() == maxFiles) {
            throw DatastoreService.tooManyFiles(path, maxFiles);
          }
          String relative = item.objectName().substring(root.length());
          files.add(
              new DownloadUrls.File(
                  relative, item.size(), sign(client, datastore, item.objectName())));
        }
      } else {
        StatObjectResponse stat =
            client.statObject(
                StatObjectArgs.builder().bucket(datastore.bucket()).object(root + path).build());
        files.add(new DownloadUrls.File(path, stat.size(), sign(client, datastore, root + path)));
      }
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if (!folder && ("NoSuchKey".equals(code) || "NotFound".equals(code))) {
        throw new NotFoundException(
            "file_not_found", "No file at '" + path + "' in datastore '" + datastore.name() + "'.");
      }
      throw new KilnException(
          HttpStatus.CONFLICT,
          "datastore_refused",
          "Datastore '" + datastore.name() + "' refused: " + code + ".",
          false);
    } catch (KilnException e) {
      throw e;
    } catch (Exception e) {
      throw new KilnException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "datastore_unreachable",
          "Datastore '"
              + datastore.name()
              + "' could not be reached: "
              + e.getClass().getSimpleName()
              + ".",
          true);
    }
    return DownloadUrls.signedNow(files);
  }

  private static String sign(MinioClient client, Datastore datastore, String object)
      throws Exception {
    return client.getPresignedObjectUrl(
        GetPresignedObjectUrlArgs.builder()
            .method(Method.GET)
            .bucket(datastore.bucket())
            .object(object)
            .expiry((int) DownloadUrls.VALIDITY.toSeconds(), TimeUnit.SECONDS)
            .build());
  }

  private static String folderOf(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }
}
