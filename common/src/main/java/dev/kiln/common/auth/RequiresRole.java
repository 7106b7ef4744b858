package dev.kiln.common.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The workspace role a handler needs, where the default does not fit. By default reads (GET, HEAD)
 * need Reader and every other method Contributor; a search sent as POST says {@code READER},
 * managing members or deleting the workspace says {@code OWNER}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresRole {
  Role value();
}
