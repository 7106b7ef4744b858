/**
 * What the versioned assets of a workspace (data assets, environments) share: their API paths and
 * registration ({@link dev.kiln.cli.asset.AssetPaths}), and the {@code -f/--name/--version/--set}
 * options of their {@code create} commands, read into an {@link dev.kiln.cli.asset.AssetSpec}.
 */
package dev.kiln.cli.asset;
