/**
 * Specs written in YAML: {@link dev.kiln.common.spec.SafeYaml} reads untrusted YAML into Jackson
 * trees within fixed limits (no tags that build objects, bounded aliases, size and nesting, no
 * duplicate keys), and {@link dev.kiln.common.spec.YamlHttpMessageConverter} lets every servlet
 * service take {@code application/yaml} request bodies through it, bound by the same rules as JSON.
 */
package dev.kiln.common.spec;
