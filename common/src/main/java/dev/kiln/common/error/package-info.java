/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}) with a stable {@code code}
 * and a {@code retryable} flag. Throw a {@link dev.kiln.common.error.KilnException} subclass from
 * any service; the handler turns it, and every framework error, into the same shape.
 */
package dev.kiln.common.error;
