package dev.kiln.common.auth;

import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The one rule of workspace access, applied before every handler whose path names a {@code
 * {workspace}}: no role there means 404 (the workspace's existence is not leaked), too small a role
 * means 403. Routes under {@code /internal/} are for the platform's own components only.
 */
public class WorkspaceAccessInterceptor implements HandlerInterceptor {

  static final String WORKSPACE_VARIABLE = "workspace";

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    Identity identity = (Identity) request.getAttribute(Identity.ATTRIBUTE);
    if (identity == null) {
      return true; // open routes (health, metrics, API documents) carry none
    }
    if (request.getRequestURI().startsWith("/internal/")) {
      if (!identity.system()) {
        throw new NotFoundException("not_found", "No Kiln API answers " + request.getRequestURI());
      }
      return true;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> variables =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String workspace = variables == null ? null : variables.get(WORKSPACE_VARIABLE);
    if (workspace == null) {
      return true;
    }
    Role held = identity.roleIn(workspace);
    if (held == null) {
      throw new NotFoundException(
          "workspace_not_found", "Workspace '" + workspace + "' not found.");
    }
    Role required = requiredRole(method, request.getMethod());
    if (!held.atLeast(required)) {
      throw new KilnException(
          HttpStatus.FORBIDDEN,
          "forbidden",
          "This needs the "
              + required.label()
              + " role in workspace '"
              + workspace
              + "'; you are "
              + held.label()
              + ".",
          false);
    }
    return true;
  }

  static Role requiredRole(HandlerMethod method, String httpMethod) {
    RequiresRole onMethod = method.getMethodAnnotation(RequiresRole.class);
    if (onMethod != null) {
      return onMethod.value();
    }
    RequiresRole onType = method.getBeanType().getAnnotation(RequiresRole.class);
    if (onType != null) {
      return onType.value();
    }
    return switch (httpMethod) {
      case "GET", "HEAD", "OPTIONS" -> Role.READER;
      default -> Role.CONTRIBUTOR;
    };
  }
}
