package dev.kiln.common.web;

import java.util.regex.Pattern;

/**
 * The rule for request paths, against the tricks behind path-traversal bugs: no {@code ;} path
 * parameters (which servlet containers strip silently), no encoded dots, slashes, backslashes or
 * NUL at any depth of encoding, no backslashes, no empty segments ({@code //proc/self/root}) and no
 * {@code .} or {@code ..} segments. No Kiln name or path needs any of them. Services apply it
 * ({@link PathSafetyFilter}) and so does the gateway, which would otherwise normalise such a path
 * into another one before a service sees it.
 */
public final class PathSafety {

  /** The detail of the 400 that refuses such a path. */
  public static final String REFUSAL =
      "The path has a ';' parameter, an encoded '.', '/', '\\' or NUL, a backslash, an empty"
          + " segment or a '.' or '..' segment: not allowed.";

  private static final Pattern UNSAFE =
      Pattern.compile(";|%(25)*(2e|2f|5c|00)|\\\\", Pattern.CASE_INSENSITIVE);

  private static final Pattern DOT_OR_EMPTY_SEGMENT = Pattern.compile("//|/\\.{1,2}(/|$)");

  private PathSafety() {}

  /** Whether the raw (undecoded) request path {@code rawPath} carries one of the tricks. */
  public static boolean isUnsafe(String rawPath) {
    return UNSAFE.matcher(rawPath).find() || DOT_OR_EMPTY_SEGMENT.matcher(rawPath).find();
  }
}
