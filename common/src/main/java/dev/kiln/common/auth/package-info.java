/**
 * Who is calling, and what they may do in a workspace. The gateway authenticates every request
 * (personal access tokens), then hands the service a short-lived identity signed with the
 * platform's internal secret ({@link dev.kiln.common.auth.IdentityTokens}); a service trusts
 * nothing else. {@link dev.kiln.common.auth.WorkspaceAccessInterceptor} applies the one rule of
 * workspace roles to every route that has a {@code {workspace}} in its path: Readers read,
 * Contributors also create, run and deploy, Owners also manage members and delete the workspace,
 * and a caller without a role learns nothing, not even that the workspace exists (404).
 */
package dev.kiln.common.auth;
