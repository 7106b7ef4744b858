/** workspace-service: the identity and asset catalogue of Kiln, one package per feature. */
package dev.kiln.workspace;
