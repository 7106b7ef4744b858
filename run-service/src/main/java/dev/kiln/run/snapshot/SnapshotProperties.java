package dev.kiln.run.snapshot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits of a code snapshot ({@code kiln.snapshots.*}).
 *
 * @param maxBytes the most a snapshot's files may add up to (and so the largest blob)
 * @param maxFiles the most files a snapshot may hold
 */
@ConfigurationProperties("kiln.snapshots")
public record SnapshotProperties(
    @DefaultValue("300MB") DataSize maxBytes, @DefaultValue("2000") int maxFiles) {}
