package dev.kiln.compute;

import dev.kiln.testsupport.ServiceContractTest;

@ComputeServiceTest
class ComputeServiceContractTest extends ServiceContractTest {}
