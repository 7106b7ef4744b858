/**
 * The {@code kiln token} commands over {@code /api/v1/tokens}: the caller's own access tokens. A
 * token's secret is printed only by the command that created it ({@link
 * dev.kiln.cli.token.NewToken}), never by a list.
 */
package dev.kiln.cli.token;
