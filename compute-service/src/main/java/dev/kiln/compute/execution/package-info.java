/**
 * Running submitted jobs: the durable queue per compute target, the scheduler that places jobs on
 * free slots and grows or shrinks clusters, the preparation of a workload (environment, run token,
 * plan) and the monitor that follows workloads to their end, with retries of infrastructure
 * failures. Every loop coordinates through PostgreSQL row locks, so replicas may run side by side.
 */
package dev.kiln.compute.execution;
