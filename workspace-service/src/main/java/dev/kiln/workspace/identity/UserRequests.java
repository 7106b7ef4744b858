package dev.kiln.workspace.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** The request and response bodies of users and tokens. */
final class UserRequests {

  private UserRequests() {}

  static final String USER_NAME = "^[a-z0-9][a-z0-9._-]{1,63}$";

  /** {@code POST /api/v1/users}. */
  record CreateUserRequest(
      @NotNull
          @Pattern(
              regexp = USER_NAME,
              message = "must be 2 to 64 lower-case letters, digits, dots, hyphens or underscores")
          String name,
      @Size(max = 200) String displayName,
      Boolean admin) {

    boolean isAdmin() {
      return Boolean.TRUE.equals(admin);
    }
  }

  /** {@code POST /api/v1/tokens}. */
  record CreateTokenRequest(
      @Size(min = 1, max = 100) String name, @Min(1) @Max(3650) Integer expiresInDays) {}

  record UserResponse(UUID id, String name, String displayName, boolean admin, Instant createdAt) {

    static UserResponse of(User user) {
      return new UserResponse(
          user.id(), user.name(), user.displayName(), user.admin(), user.createdAt());
    }
  }

  /** A new user with the first token, whose secret is shown this once. */
  record CreatedUserResponse(
      UUID id,
      String name,
      String displayName,
      boolean admin,
      Instant createdAt,
      CreatedTokenResponse token) {}

  /** A new token with its secret, shown this once. */
  record CreatedTokenResponse(
      UUID id, String name, String token, String prefix, Instant createdAt, Instant expiresAt) {}

  /** A token as lists show it: never its secret. */
  record TokenResponse(
      UUID id,
      String name,
      String prefix,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      Instant lastUsedAt) {

    static TokenResponse of(AccessToken token) {
      return new TokenResponse(
          token.id(),
          token.name(),
          token.prefix(),
          token.createdAt(),
          token.expiresAt(),
          token.revokedAt(),
          token.lastUsedAt());
    }
  }

  /** {@code POST /internal/v1/access/resolve}: who holds this token, and their role there. */
  record ResolveRequest(@NotNull @Size(max = 512) String token, String workspace) {}

  /**
   * The holder of a token and their role in the workspace asked about; {@code runName} is set for a
   * run token, which the gateway confines to that run's paths.
   */
  record ResolveResponse(
      String userId,
      String userName,
      boolean admin,
      String workspace,
      String role,
      String runName) {}
}
