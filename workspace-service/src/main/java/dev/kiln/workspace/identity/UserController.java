package dev.kiln.workspace.identity;

import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.workspace.identity.UserRequests.CreateUserRequest;
import dev.kiln.workspace.identity.UserRequests.CreatedUserResponse;
import dev.kiln.workspace.identity.UserRequests.UserResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
class UserController {

  private final UserService users;

  UserController(UserService users) {
    this.users = users;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CreatedUserResponse create(@Valid @RequestBody CreateUserRequest request) {
    return users.create(request);
  }

  @GetMapping
  Page<UserResponse> list(
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return users.list(PageRequest.of(limit, cursor));
  }

  @GetMapping("/me")
  UserResponse me() {
    return users.me();
  }
}
