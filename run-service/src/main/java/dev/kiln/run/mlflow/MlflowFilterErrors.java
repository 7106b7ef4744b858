package dev.kiln.run.mlflow;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors raised on an MLflow route before any handler is chosen (the path safety, identity and
 * document size filters hand theirs to the exception resolvers with no handler), which {@link
 * MlflowErrors} cannot see, answered in MLflow's shape too.
 */
@Configuration(proxyBeanMethods = false)
class MlflowFilterErrors implements WebMvcConfigurer {

  private final JsonMapper json;

  MlflowFilterErrors(JsonMapper json) {
    this.json = json;
  }

  @Override
  public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
    resolvers.add(
        0,
        (request, response, handler, error) -> {
          if (handler != null || !request.getRequestURI().startsWith(MlflowPaths.PREFIX)) {
            return null;
          }
          write(MlflowErrors.respond(error), response);
          return new ModelAndView();
        });
  }

  private void write(ResponseEntity<MlflowErrors.Body> answer, HttpServletResponse response) {
    try {
      response.setStatus(answer.getStatusCode().value());
      response.setContentType("application/json");
      response.getOutputStream().write(json.writeValueAsBytes(answer.getBody()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
