package dev.kiln.registry;

import dev.kiln.testsupport.ServiceContractTest;

@RegistryServiceTest
class RegistryServiceContractTest extends ServiceContractTest {}
