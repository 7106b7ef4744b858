package dev.kiln.run.metric;

/**
 * What a batch held, and whether it was a retry of one already applied (then nothing was written).
 */
public record BatchResult(int metrics, int params, int tags, boolean duplicate) {}
