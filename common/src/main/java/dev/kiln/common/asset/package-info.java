/**
 * Versioned assets (data, environments, models, components): version numbering, the {@code latest}
 * rule and {@code azureml:} references, shared so every registry behaves the same.
 */
package dev.kiln.common.asset;
