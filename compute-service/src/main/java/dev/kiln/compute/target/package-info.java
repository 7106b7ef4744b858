/**
 * Compute targets: the named places of a workspace where jobs run, each a cluster (nodes between a
 * minimum and a maximum, released after an idle time) or an instance (one node), on the local,
 * Docker or Kubernetes backend, with a number of job slots and resources per node. The API takes
 * Azure ML's {@code amlcompute} and {@code computeinstance} YAML. The scheduler supplies live
 * figures through {@link dev.kiln.compute.target.ComputeLoad} and {@link
 * dev.kiln.compute.target.ComputeUsageHistory}.
 */
package dev.kiln.compute.target;
