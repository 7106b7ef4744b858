package dev.kiln.common.auth;

import dev.kiln.common.error.KilnException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Admits a request to the service's API only with a valid signed identity from the gateway; only
 * health, metrics and the OpenAPI document are open. A missing, forged or expired identity gets a
 * 401 problem.
 */
public class IdentityFilter extends OncePerRequestFilter {

  private final IdentityTokens tokens;
  private final HandlerExceptionResolver problems;

  public IdentityFilter(IdentityTokens tokens, HandlerExceptionResolver problems) {
    this.tokens = tokens;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith("/actuator/")
        || path.equals("/actuator")
        || path.startsWith("/v3/api-docs")
        || path.equals("/error");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Identity> identity = tokens.verify(request.getHeader(IdentityTokens.HEADER));
    if (identity.isEmpty()) {
      problems.resolveException(
          request,
          response,
          null,
          new KilnException(
              HttpStatus.UNAUTHORIZED,
              "unauthenticated",
              "Authenticate through the gateway with a valid token.",
              false));
      return;
    }
    request.setAttribute(Identity.ATTRIBUTE, identity.get());
    chain.doFilter(request, response);
  }
}
