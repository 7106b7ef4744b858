/**
 * registry-service: models and their versions, components, and the MLflow model-registry API. One
 * package per feature.
 */
package dev.kiln.registry;
