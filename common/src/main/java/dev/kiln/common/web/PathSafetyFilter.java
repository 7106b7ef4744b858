package dev.kiln.common.web;

import dev.kiln.common.error.InvalidRequestException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Refuses request paths that break {@link PathSafety}'s rule before any routing decodes them. */
public class PathSafetyFilter extends OncePerRequestFilter {

  private final HandlerExceptionResolver problems;

  public PathSafetyFilter(HandlerExceptionResolver problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (PathSafety.isUnsafe(request.getRequestURI())) {
      problems.resolveException(
          request, response, null, new InvalidRequestException("invalid_path", PathSafety.REFUSAL));
      return;
    }
    chain.doFilter(request, response);
  }
}
