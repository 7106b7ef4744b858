package dev.kiln.common.web;

import dev.kiln.common.error.InvalidRequestException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request paths that carry the tricks behind path-traversal bugs before any routing decodes
 * them: {@code ;} path parameters (which servlet containers strip silently), and encoded dots,
 * slashes, backslashes, NUL or percent signs. No Kiln name or path needs any of them.
 */
public class PathSafetyFilter extends OncePerRequestFilter {

  private static final Pattern UNSAFE =
      Pattern.compile(";|%(25)*(2e|2f|5c|00)|\\\\", Pattern.CASE_INSENSITIVE);

  private final HandlerExceptionResolver problems;

  public PathSafetyFilter(HandlerExceptionResolver problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (UNSAFE.matcher(request.getRequestURI()).find()) {
      problems.resolveException(
          request,
          response,
          null,
          new InvalidRequestException(
              "invalid_path",
              "The path has a ';' parameter or an encoded '.', '/', '\\\\' or NUL: not allowed."));
      return;
    }
    chain.doFilter(request, response);
  }
}
