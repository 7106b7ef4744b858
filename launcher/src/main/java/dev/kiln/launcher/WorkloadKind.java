package dev.kiln.launcher;

/** A job runs to completion; a service runs until it is stopped and answers on a port. */
public enum WorkloadKind {
  JOB,
  SERVICE
}
