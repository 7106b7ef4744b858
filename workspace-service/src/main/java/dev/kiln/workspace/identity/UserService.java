package dev.kiln.workspace.identity;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.auth.Identity;
import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.id.Ids;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.workspace.identity.UserRequests.CreateUserRequest;
import dev.kiln.workspace.identity.UserRequests.CreatedTokenResponse;
import dev.kiln.workspace.identity.UserRequests.CreatedUserResponse;
import dev.kiln.workspace.identity.UserRequests.UserResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users: created by an administrator, each with a first token. */
@Service
class UserService {

  /** The platform's built-in administrator, made on first start. */
  static final UUID ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

  private final UserRepository users;
  private final TokenService tokens;

  UserService(UserRepository users, TokenService tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  @Transactional
  public CreatedUserResponse create(CreateUserRequest request) {
    requireAdmin();
    if (users.findByNameIgnoringCase(request.name()).isPresent()) {
      throw new ConflictException("user_exists", "A user named '" + request.name() + "' exists.");
    }
    User user =
        users.saveAndFlush(
            new User(
                Ids.newId(),
                request.name(),
                request.displayName(),
                request.isAdmin(),
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    CreatedTokenResponse token = tokens.create(user.id(), "first", null);
    return new CreatedUserResponse(
        user.id(), user.name(), user.displayName(), user.admin(), user.createdAt(), token);
  }

  @Transactional(readOnly = true)
  public Page<UserResponse> list(PageRequest page) {
    requireAdmin();
    Limit limit = Limit.of(page.fetchSize());
    List<User> rows =
        page.after() == null
            ? users.findAllByOrderByNameAsc(limit)
            : users.findByNameGreaterThanOrderByNameAsc(page.after(), limit);
    return Page.fromOverfetched(rows, page, User::name).map(UserResponse::of);
  }

  @Transactional(readOnly = true)
  public UserResponse me() {
    Identity caller = CurrentIdentity.get();
    return users
        .findById(UUID.fromString(caller.subject()))
        .map(UserResponse::of)
        .orElseThrow(() -> new NotFoundException("user_not_found", "You are not a known user."));
  }

  /** Makes the built-in administrator unless it exists. */
  @Transactional
  public void ensureAdmin() {
    if (!users.existsById(ADMIN_ID)) {
      users.saveAndFlush(
          new User(
              ADMIN_ID,
              "admin",
              "Administrator",
              true,
              Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }
  }

  static void requireAdmin() {
    if (!CurrentIdentity.get().admin()) {
      throw new KilnException(
          HttpStatus.FORBIDDEN, "forbidden", "Only an administrator can do this.", false);
    }
  }
}
