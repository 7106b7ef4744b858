package dev.kiln.standalone;

import dev.kiln.compute.ComputeServiceApplication;
import dev.kiln.deploy.DeployServiceApplication;
import dev.kiln.pipeline.PipelineServiceApplication;
import dev.kiln.registry.RegistryServiceApplication;
import dev.kiln.run.RunServiceApplication;
import dev.kiln.workspace.WorkspaceServiceApplication;
import java.util.List;

/** A service of the platform: its short key (as in {@code kiln.services.<key>}), name and class. */
record ServiceSpec(String key, String name, Class<?> application) {

  /** Every service, in port order after the gateway's. */
  static final List<ServiceSpec> ALL =
      List.of(
          new ServiceSpec(
              "workspace", WorkspaceServiceApplication.NAME, WorkspaceServiceApplication.class),
          new ServiceSpec(
              "compute", ComputeServiceApplication.NAME, ComputeServiceApplication.class),
          new ServiceSpec("run", RunServiceApplication.NAME, RunServiceApplication.class),
          new ServiceSpec(
              "registry", RegistryServiceApplication.NAME, RegistryServiceApplication.class),
          new ServiceSpec("deploy", DeployServiceApplication.NAME, DeployServiceApplication.class),
          new ServiceSpec(
              "pipeline", PipelineServiceApplication.NAME, PipelineServiceApplication.class));
}
