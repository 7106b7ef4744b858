/**
 * The events services exchange over Kafka: versioned records named in the past tense. Topics are
 * {@code kiln.<aggregate>}; the record's fields are the payload of its {@link
 * dev.kiln.common.event.EventEnvelope}.
 */
package dev.kiln.common.events;
