package dev.kiln.common.asset;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.id.Names;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a versioned asset as specs write it: {@code azureml:<name>:<version>}, {@code
 * azureml:<name>@latest}, or a bare {@code <name>:<version>} / {@code <name>@latest}. A reference
 * without a version means the latest.
 */
public record AssetReference(String name, String version) {

  private static final Pattern FORM =
      Pattern.compile("^(?:azureml:)?([^:@/]+)(?:(?::([^:@/]+))|(?:@(latest)))?$");

  public static AssetReference parse(String text) {
    Matcher matcher = FORM.matcher(text == null ? "" : text.trim());
    if (!matcher.matches() || !Names.isValidAssetName(matcher.group(1))) {
      throw new InvalidRequestException(
          "invalid_reference",
          "A reference looks like azureml:<name>:<version> or azureml:<name>@latest; was " + text);
    }
    String version = matcher.group(2) != null ? matcher.group(2) : Versions.LATEST;
    return new AssetReference(matcher.group(1), version);
  }

  public boolean isLatest() {
    return Versions.isLatest(version);
  }
}
