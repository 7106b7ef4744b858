/**
 * The local backend: workloads as process groups on this machine ({@link
 * dev.kiln.launcher.local.LocalLauncher}), whose whole state is a folder per workload, and the
 * virtualenvs local jobs run in ({@link dev.kiln.launcher.local.Virtualenvs}).
 */
package dev.kiln.launcher.local;
