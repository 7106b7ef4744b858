/**
 * The Kubernetes backend of the launcher SPI: a Job per job, a Deployment and a Service per
 * service, the workload's files in a ConfigMap. Status, logs and the stop marker are read back from
 * the cluster, so a new launcher re-attaches to workloads an earlier one started.
 */
package dev.kiln.launcher.kubernetes;
