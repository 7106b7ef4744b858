package dev.kiln.common.auth;

import dev.kiln.common.error.KilnException;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The verified identity of the request being handled on this thread. */
public final class CurrentIdentity {

  private CurrentIdentity() {}

  /** The caller; a request without a verified identity never reaches a handler. */
  public static Identity get() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    Object identity =
        attributes == null
            ? null
            : attributes.getAttribute(Identity.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (identity instanceof Identity verified) {
      return verified;
    }
    throw new KilnException(
        HttpStatus.UNAUTHORIZED, "unauthenticated", "This request carries no identity.", false);
  }
}
