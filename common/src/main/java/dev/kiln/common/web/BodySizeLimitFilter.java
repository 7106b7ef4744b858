package dev.kiln.common.web;

import dev.kiln.common.error.KilnException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses request documents (JSON, YAML) larger than {@code kiln.web.max-document-size} with a 413
 * problem before they are parsed: by their declared length, or, for chunked bodies, as soon as more
 * than the limit has been read. File uploads (multipart, octet-stream) are not documents and have
 * limits of their own; so are the bodies of the file routes a service names ({@code
 * kiln.web.file-routes}, such as artifact uploads), whatever their declared type: a {@code
 * metrics.json} artifact is a file.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final List<PathPattern> fileRoutes;
  private final HandlerExceptionResolver problems;

  public BodySizeLimitFilter(
      long maxBytes, List<String> fileRoutes, HandlerExceptionResolver problems) {
    this.maxBytes = maxBytes;
    this.fileRoutes = fileRoutes.stream().map(PathPatternParser.defaultInstance::parse).toList();
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null || !(type.contains("json") || type.contains("yaml"))) {
      return true;
    }
    PathContainer path = PathContainer.parsePath(request.getRequestURI());
    return fileRoutes.stream().anyMatch(route -> route.matches(path));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      problems.resolveException(request, response, null, tooLarge());
      return;
    }
    chain.doFilter(new LimitedRequest(request, maxBytes), response);
  }

  private KilnException tooLarge() {
    return new KilnException(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload_too_large",
        "The request document is larger than " + maxBytes + " bytes.",
        false);
  }

  /** Counts what the application reads and fails past the limit. */
  private final class LimitedRequest extends HttpServletRequestWrapper {

    private final long limit;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(int n) {
          read += n;
          if (read > limit) {
            throw tooLarge();
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
