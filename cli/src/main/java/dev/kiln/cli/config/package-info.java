/**
 * Where the CLI's settings come from (option, environment, {@code $KILN_HOME/config.yaml},
 * defaults) and the {@code kiln config} commands that show and change them.
 */
package dev.kiln.cli.config;
