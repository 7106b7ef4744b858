/**
 * The {@code kiln user} commands over {@code /api/v1/users}: creating users (each with a first
 * access token), listing them and showing the caller.
 */
package dev.kiln.cli.user;
