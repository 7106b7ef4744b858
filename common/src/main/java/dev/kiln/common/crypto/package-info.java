/** Encryption of secrets kept at rest, such as datastore credentials. */
package dev.kiln.common.crypto;
