package dev.kiln.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the request id the gateway (or any caller) sent, or makes one, puts it in the logging
 * context for the whole request, echoes it in the response, and logs one line per API request.
 */
public class RequestIdFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

  private final String serviceName;

  public RequestIdFilter(String serviceName) {
    this.serviceName = serviceName;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
    response.setHeader(RequestIds.HEADER, requestId);
    response.setHeader(RequestIds.SERVICE_HEADER, serviceName);
    MDC.put(RequestIds.MDC_KEY, requestId);
    MDC.put("service", serviceName);
    long start = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      if (!request.getRequestURI().startsWith("/actuator")) {
        log.info(
            "{} {} {} {}ms",
            request.getMethod(),
            request.getRequestURI(),
            response.getStatus(),
            (System.nanoTime() - start) / 1_000_000);
      }
      MDC.remove(RequestIds.MDC_KEY);
      MDC.remove("service");
    }
  }
}
