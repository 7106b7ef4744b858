/** How a Kiln service boots, alone (distributed) or as one of many contexts in one JVM. */
package dev.kiln.common.app;
