package dev.kiln.deploy;

import dev.kiln.testsupport.ServiceContractTest;

@DeployServiceTest
class DeployServiceContractTest extends ServiceContractTest {}
