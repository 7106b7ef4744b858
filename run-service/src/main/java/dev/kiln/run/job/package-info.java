/**
 * Creating runs through {@code POST …/jobs}: a tracking run (Kiln's own JSON) or a command job in
 * the Azure ML v2 dialect. A command job is read and checked ({@link
 * dev.kiln.run.job.JobSpecReader}), its references resolved through workspace-service and
 * compute-service ({@link dev.kiln.run.job.JobReferences}), and stored as a {@code Queued} run with
 * its accepted spec, in the transaction that publishes {@link dev.kiln.common.events.RunSubmitted}
 * to the outbox ({@link dev.kiln.run.job.JobSubmissions}). Nothing is written when a check fails.
 */
package dev.kiln.run.job;
