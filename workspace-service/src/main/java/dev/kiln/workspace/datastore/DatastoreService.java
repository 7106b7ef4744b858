package dev.kiln.workspace.datastore;

import dev.kiln.common.crypto.SecretCipher;
import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.events.WorkspaceCreated;
import dev.kiln.common.id.Ids;
import dev.kiln.common.id.Names;
import dev.kiln.workspace.workspace.WorkspaceLookup;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Datastores of a workspace; their credentials are sealed before they reach the database. */
@Service
class DatastoreService {

  static final String DEFAULT_NAME = "workspaceblobstore";

  record Created(DatastoreResponse datastore, boolean isNew) {}

  private record Secret(String accessKeyId, String secretAccessKey) {}

  private final DatastoreRepository datastores;
  private final WorkspaceLookup workspaces;
  private final DatastoreSpecValidator validator;
  private final SecretCipher cipher;
  private final ConnectionTester tester;
  private final JsonMapper json;

  DatastoreService(
      DatastoreRepository datastores,
      WorkspaceLookup workspaces,
      DatastoreSpecValidator validator,
      SecretCipher cipher,
      ConnectionTester tester,
      JsonMapper json) {
    this.datastores = datastores;
    this.workspaces = workspaces;
    this.validator = validator;
    this.cipher = cipher;
    this.tester = tester;
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
    Secret secret =
        datastore.secretCiphertext() == null
            ? new Secret(null, null)
            : json.readValue(
                cipher.decrypt(datastore.secretCiphertext(), datastore.id().toString()),
                Secret.class);
    return tester.test(datastore, secret.accessKeyId(), secret.secretAccessKey());
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
