/**
 * Web plumbing shared by the servlet services: request ids in logs and responses, the problem
 * handler, and declarative {@code @HttpExchange} clients for calling other services.
 */
package dev.kiln.common.web;
