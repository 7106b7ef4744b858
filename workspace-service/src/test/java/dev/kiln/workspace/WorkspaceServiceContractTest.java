package dev.kiln.workspace;

import dev.kiln.testsupport.ServiceContractTest;

@WorkspaceServiceTest
class WorkspaceServiceContractTest extends ServiceContractTest {}
