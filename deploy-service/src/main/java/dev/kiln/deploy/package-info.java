/**
 * deploy-service: online endpoints and deployments, batch endpoints, autoscaling. One package per
 * feature.
 */
package dev.kiln.deploy;
