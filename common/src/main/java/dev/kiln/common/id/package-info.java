/** Identifiers: time-ordered UUIDs for rows and events, and the rules for user-chosen names. */
package dev.kiln.common.id;
