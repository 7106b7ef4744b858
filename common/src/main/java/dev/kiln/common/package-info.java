/**
 * Kiln's shared kernel: errors as problem details, ids, cursor paging, the event envelope with its
 * outbox and idempotent consumers, object storage, and service-to-service HTTP clients. Every
 * service depends on it; it depends on no service.
 */
package dev.kiln.common;
