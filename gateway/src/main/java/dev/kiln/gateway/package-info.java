/**
 * The gateway: Kiln's one public origin. Routes {@code /api/v1/**}, {@code /mlflow/**} and {@code
 * /endpoints/**} to the owning services by path, gives every request an id, answers errors and
 * unknown routes as problem+json, and is healthy only when every service is.
 */
package dev.kiln.gateway;
