package dev.kiln.common.web;

import org.slf4j.MDC;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds declarative clients ({@code @HttpExchange} interfaces) for calling another Kiln service.
 * The base URL of service {@code name} is the property {@code kiln.services.<name>} (environment
 * {@code KILN_SERVICES_<NAME>}); the current request id travels along.
 */
public class ServiceClients {

  private final RestClient.Builder builder;
  private final Environment environment;

  public ServiceClients(RestClient.Builder builder, Environment environment) {
    this.builder = builder;
    this.environment = environment;
  }

  public <T> T create(String service, Class<T> client) {
    String baseUrl = environment.getRequiredProperty("kiln.services." + service);
    RestClient restClient =
        builder
            .clone()
            .baseUrl(baseUrl)
            .requestInterceptor(
                (request, body, execution) -> {
                  String requestId = MDC.get(RequestIds.MDC_KEY);
                  if (requestId != null) {
                    request.getHeaders().set(RequestIds.HEADER, requestId);
                  }
                  return execution.execute(request, body);
                })
            .build();
    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
        .build()
        .createClient(client);
  }
}
