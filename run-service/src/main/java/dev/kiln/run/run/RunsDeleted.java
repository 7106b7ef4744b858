package dev.kiln.run.run;

import java.util.List;
import java.util.UUID;

/** Runs whose rows are gone; their objects are deleted after the transaction commits. */
public record RunsDeleted(List<UUID> runIds) {}
