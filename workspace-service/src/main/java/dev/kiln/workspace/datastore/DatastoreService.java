package dev.kiln.workspace.datastore;

import dev.kiln.common.crypto.SecretCipher;
import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.events.WorkspaceCreated;
import dev.kiln.common.id.Ids;
import dev.kiln.common.id.Names;
import dev.kiln.common.storage.DownloadUrls;
import dev.kiln.common.storage.ObjectKeys;
import dev.kiln.workspace.workspace.WorkspaceLookup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/** Datastores of a workspace; their credentials are sealed before they reach the database. */
@Service
class DatastoreService {

  static final String DEFAULT_NAME = "workspaceblobstore";

  /** The most files one download names: a larger folder is refused, not cut short. */
  static final int MAX_DOWNLOAD_FILES = 10_000;

  record Created(DatastoreResponse datastore, boolean isNew) {}

  private record Secret(String accessKeyId, String secretAccessKey) {}

  private final DatastoreRepository datastores;
  private final WorkspaceLookup workspaces;
  private final DatastoreSpecValidator validator;
  private final SecretCipher cipher;
  private final ConnectionTester tester;
  private final BlobStore blobs;
  private final S3DatastoreFiles s3Files;
  private final JsonMapper json;

  DatastoreService(
      DatastoreRepository datastores,
      WorkspaceLookup workspaces,
      DatastoreSpecValidator validator,
      SecretCipher cipher,
      ConnectionTester tester,
      BlobStore blobs,
      S3DatastoreFiles s3Files,
      JsonMapper json) {
    this.datastores = datastores;
    this.workspaces = workspaces;
    this.validator = validator;
    this.cipher = cipher;
    this.tester = tester;
    this.blobs = blobs;
    this.s3Files = s3Files;
    this.json = json;
  }

  /** Every workspace gets its {@value #DEFAULT_NAME}, in the transaction that creates it. */
  @EventListener
  void onWorkspaceCreated(WorkspaceCreated created) {
    datastores.save(
        new Datastore(
            Ids.newId(), created.workspaceId(), DEFAULT_NAME, DatastoreType.PLATFORM, now()));
  }

  @Transactional
  public Created put(String workspace, String name, DatastoreSpec spec) {
    if (!Names.isValidAssetName(name)) {
      throw new InvalidRequestException(
          "invalid_request", "Invalid datastore name '" + name + "'.");
    }
    if (spec.name() != null && !spec.name().equals(name)) {
      throw new InvalidRequestException(
          "name_mismatch",
          "The spec names '" + spec.name() + "' but the URL names '" + name + "'.");
    }
    if (name.equalsIgnoreCase(DEFAULT_NAME)) {
      throw new ConflictException("default_datastore", DEFAULT_NAME + " is managed by Kiln.");
    }
    ValidatedSpec valid = validator.validate(spec);
    UUID workspaceId = workspaces.requireId(workspace);
    Instant now = now();
    Datastore existing = datastores.findInWorkspace(workspaceId, name).orElse(null);
    Datastore datastore =
        existing != null
            ? existing
            : new Datastore(Ids.newId(), workspaceId, name, valid.type(), now);
    datastore.configure(valid, seal(datastore.id(), valid), now);
    datastores.save(datastore);
    return new Created(DatastoreResponse.of(datastore), existing == null);
  }

  @Transactional(readOnly = true)
  public List<DatastoreResponse> list(String workspace) {
    return datastores.findByWorkspaceIdOrderByNameAsc(workspaces.requireId(workspace)).stream()
        .map(DatastoreResponse::of)
        .toList();
  }

  @Transactional(readOnly = true)
  public DatastoreResponse get(String workspace, String name) {
    return DatastoreResponse.of(find(workspace, name));
  }

  @Transactional
  public void delete(String workspace, String name) {
    Datastore datastore = find(workspace, name);
    if (datastore.type() == DatastoreType.PLATFORM) {
      throw new ConflictException("default_datastore", DEFAULT_NAME + " cannot be deleted.");
    }
    datastores.delete(datastore);
  }

  /**
   * Tries the datastore's connection. Not transactional: the attempt may wait seconds on the
   * network and must not hold a database connection meanwhile.
   */
  public ConnectionTester.Result test(String workspace, String name) {
    Datastore datastore = find(workspace, name);
    Secret secret = open(datastore);
    return tester.test(datastore, secret.accessKeyId(), secret.secretAccessKey());
  }

  /**
   * A URL per file that reads it straight from the datastore's storage (see {@link DownloadUrls}):
   * the file at {@code path}, or every file under it when {@code folder} (an empty path is the
   * whole datastore). How a job's runner fetches its inputs. Not transactional: listing an s3
   * datastore waits on the network.
   *
   * @throws NotFoundException 404 {@code datastore_not_found} or {@code file_not_found}
   * @throws ConflictException 409 {@code download_unsupported} for a local datastore, whose folder
   *     is on the platform's machine and out of a workload's reach
   */
  public DownloadUrls downloadUrls(String workspace, String name, String path, boolean folder) {
    if (folder) {
      ObjectKeys.requireValidPrefix(path);
    } else {
      ObjectKeys.requireValidKey(path);
    }
    Datastore datastore = find(workspace, name);
    return switch (datastore.type()) {
      case PLATFORM ->
          blobs.downloadUrls(
              datastore.workspaceId(),
              path,
              folder,
              "/api/v1/workspaces/"
                  + UriUtils.encodePathSegment(workspace, StandardCharsets.UTF_8)
                  + "/datastores/"
                  + DEFAULT_NAME
                  + "/files/",
              MAX_DOWNLOAD_FILES);
      case S3 -> {
        Secret secret = open(datastore);
        yield s3Files.downloadUrls(
            datastore,
            secret.accessKeyId(),
            secret.secretAccessKey(),
            path,
            folder,
            MAX_DOWNLOAD_FILES);
      }
      case LOCAL ->
          throw new ConflictException(
              "download_unsupported",
              "Datastore '"
                  + name
                  + "' is a folder on the platform's machine, which jobs cannot download from;"
                  + " keep job inputs on workspaceblobstore or an s3 datastore.");
    };
  }

  static InvalidRequestException tooManyFiles(String folder, int maxFiles) {
    return new InvalidRequestException(
        "folder_too_large",
        "Folder '" + folder + "' holds more than " + maxFiles + " files, more than one download.");
  }

  private Secret open(Datastore datastore) {
    return datastore.secretCiphertext() == null
        ? new Secret(null, null)
        : json.readValue(
            cipher.decrypt(datastore.secretCiphertext(), datastore.id().toString()), Secret.class);
  }

  private String seal(UUID datastoreId, ValidatedSpec spec) {
    if (spec.secretAccessKey() == null) {
      return null;
    }
    return cipher.encrypt(
        json.writeValueAsString(new Secret(spec.accessKeyId(), spec.secretAccessKey())),
        datastoreId.toString());
  }

  private Datastore find(String workspace, String name) {
    return datastores
        .findInWorkspace(workspaces.requireId(workspace), name)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "datastore_not_found",
                    "Datastore '" + name + "' not found in '" + workspace + "'."));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
