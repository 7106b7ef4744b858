/**
 * The in-workload runner: the Python agent ({@code kiln_runner.py}) that downloads a job's code and
 * inputs, runs its command, streams logs and metrics and uploads outputs, and {@link
 * dev.kiln.runner.RunnerScript}, which hands its bytes to whoever builds workloads.
 */
package dev.kiln.runner;
