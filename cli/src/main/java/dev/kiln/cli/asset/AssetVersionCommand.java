package dev.kiln.cli.asset;

import dev.kiln.cli.HelpOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the commands on one version of a named asset ({@code show}, {@code archive}, {@code
 * restore}, {@code download}) share: the command's spec and {@code -h/--help} in place of the
 * standard options, since their own {@code --version} option names the asset's version. A subclass
 * declares the {@code <name>} parameter with its help text, mixes in {@link LatestVersionOption} or
 * {@link RequiredVersionOption}, and sets {@code mixinStandardHelpOptions = false}.
 */
public abstract class AssetVersionCommand implements Callable<Integer> {

  @Spec protected CommandSpec spec;

  @Mixin HelpOption help;
}
