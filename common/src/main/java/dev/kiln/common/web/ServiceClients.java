package dev.kiln.common.web;

import dev.kiln.common.auth.Identity;
import dev.kiln.common.auth.IdentityTokens;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds declarative clients ({@code @HttpExchange} interfaces) for calling another Kiln service.
 * The base URL of service {@code name} is the property {@code kiln.services.<name>} (environment
 * {@code KILN_SERVICES_<NAME>}). The current request id travels along, and so does the identity:
 * the caller's, when the call is made while serving a request, otherwise this service's own system
 * identity.
 */
public class ServiceClients {

  private final RestClient.Builder builder;
  private final Environment environment;
  private final IdentityTokens identities;
  private final Identity self;

  public ServiceClients(
      RestClient.Builder builder, Environment environment, IdentityTokens identities) {
    this.builder = builder;
    this.environment = environment;
    this.identities = identities;
    String name = environment.getProperty("spring.application.name", "kiln");
    this.self = new Identity(Identity.SYSTEM_PREFIX + name, name, false, null, null, null);
  }

  public <T> T create(String service, Class<T> client) {
    return create(service, client, this::currentIdentityToken);
  }

  /**
   * A client that always calls as this service's own system identity, also while serving a request:
   * for acts of the platform itself (compute-service moving a job's status while it handles the
   * job's heartbeat), which the request's caller could not do.
   */
  public <T> T createAsSelf(String service, Class<T> client) {
    return create(service, client, () -> identities.sign(self));
  }

  private <T> T create(String service, Class<T> client, Supplier<String> identityToken) {
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
                  request.getHeaders().set(IdentityTokens.HEADER, identityToken.get());
                  return execution.execute(request, body);
                })
            .build();
    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
        .build()
        .createClient(client);
  }

  private String currentIdentityToken() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
      String forwarded = current.getRequest().getHeader(IdentityTokens.HEADER);
      if (forwarded != null) {
        return forwarded;
      }
    }
    return identities.sign(self);
  }
}
