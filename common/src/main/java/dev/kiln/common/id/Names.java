package dev.kiln.common.id;

import java.util.regex.Pattern;

/**
 * The rules for names that users choose. Names appear in URLs and object-store keys, so they are
 * restricted to characters that need no escaping anywhere.
 */
public final class Names {

  /** A workspace name, as Azure ML allows: 3 to 33 letters, digits, hyphens and underscores. */
  public static final String WORKSPACE = "^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$";

  /** An asset name (model, data, environment, component...): 1 to 255 characters. */
  public static final String ASSET = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$";

  private static final Pattern ASSET_PATTERN = Pattern.compile(ASSET);

  private Names() {}

  public static boolean isValidAssetName(String name) {
    return name != null && ASSET_PATTERN.matcher(name).matches();
  }
}
