package dev.kiln.workspace.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What other features of workspace-service may ask about users: ids and names. */
@Component
public class Users {

  private final UserRepository users;

  Users(UserRepository users) {
    this.users = users;
  }

  @Transactional(readOnly = true)
  public Optional<UUID> idOf(String name) {
    return users.findByNameIgnoringCase(name).map(User::id);
  }

  @Transactional(readOnly = true)
  public Map<UUID, String> namesOf(Collection<UUID> ids) {
    return users.findAllById(ids).stream().collect(Collectors.toMap(User::id, User::name));
  }
}
