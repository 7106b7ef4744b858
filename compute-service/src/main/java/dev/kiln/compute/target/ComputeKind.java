package dev.kiln.compute.target;

import java.util.Locale;

/** Whether a compute target is one node or a cluster that grows and shrinks. */
public enum ComputeKind {
  /** One node, always there: Azure ML's {@code computeinstance}. */
  INSTANCE("computeinstance"),
  /** Between min and max nodes, grown with demand: Azure ML's {@code amlcompute}. */
  CLUSTER("amlcompute");

  private final String azureType;

  ComputeKind(String azureType) {
    this.azureType = azureType;
  }

  /** The name in responses and the {@code kind} column: {@code instance} or {@code cluster}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The spec's {@code type} for this kind: {@code computeinstance} or {@code amlcompute}. */
  public String azureType() {
    return azureType;
  }

  static ComputeKind ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
