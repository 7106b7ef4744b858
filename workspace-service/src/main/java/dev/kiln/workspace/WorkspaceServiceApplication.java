package dev.kiln.workspace;

import dev.kiln.common.app.KilnServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** workspace-service: workspaces, members, tokens, datastores, data assets, environments. */
@SpringBootApplication
public class WorkspaceServiceApplication {

  public static final String NAME = "workspace-service";

  public static void main(String[] args) {
    KilnServiceApplication.run(WorkspaceServiceApplication.class, NAME, args);
  }
}
