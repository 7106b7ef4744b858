package dev.kiln.common.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request body written in the YAML dialect of specs (datastores, data, environments,
 * jobs...). Unknown keys in such a body are checked by {@link SpecKeyChecker}: a key that looks
 * like a typo of a known one is refused; any other (an Azure-only key such as {@code
 * instance_type}) is ignored with a warning.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Spec {}
