/**
 * pipeline-service: pipeline jobs, sweeps, step reuse, published pipelines, pipeline endpoints and
 * schedules. One package per feature.
 */
package dev.kiln.pipeline;
