/**
 * What every service's tests share: one real PostgreSQL, one real Kafka broker and one real S3
 * server per test JVM, started on first use and wired into Spring test contexts by {@link
 * dev.kiln.testsupport.KilnServiceTest}.
 */
package dev.kiln.testsupport;
