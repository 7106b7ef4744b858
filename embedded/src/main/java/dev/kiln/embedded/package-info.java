/**
 * Real infrastructure that runs inside the JVM: PostgreSQL from embedded binaries, a KRaft Kafka
 * broker and an S3 server. Used by the standalone platform and by tests only; services never depend
 * on this package.
 */
package dev.kiln.embedded;
