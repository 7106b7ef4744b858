/**
 * Events between services. A service publishes a {@link dev.kiln.common.event.KilnEvent} with
 * Spring's {@code ApplicationEventPublisher} inside the transaction that changes its state; Spring
 * Modulith's event publication registry stores the publication in the same transaction (the
 * outbox), {@link dev.kiln.common.event.KafkaEventRelay} sends it to Kafka after commit as an
 * {@link dev.kiln.common.event.EventEnvelope}, and unsent publications are resubmitted until Kafka
 * takes them (at least once). Consumers apply each event once in effect through {@link
 * dev.kiln.common.event.IdempotentConsumer}, which records handled event ids in the consumer's own
 * schema in the same transaction as the effect.
 */
package dev.kiln.common.event;
