/**
 * The standalone platform: every service and the gateway in one JVM, each in its own Spring context
 * and port, on embedded PostgreSQL, an in-process Kafka broker and an embedded S3 server, with all
 * data under one home folder ({@code KILN_HOME}).
 */
package dev.kiln.standalone;
