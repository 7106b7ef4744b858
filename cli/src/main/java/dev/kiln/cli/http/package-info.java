/**
 * The platform's REST API as the CLI sees it: {@link dev.kiln.cli.http.ApiClient} over {@code
 * java.net.http}, and the mapping of problem documents and connection failures to exit codes.
 */
package dev.kiln.cli.http;
