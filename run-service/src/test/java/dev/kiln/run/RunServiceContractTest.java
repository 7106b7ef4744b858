package dev.kiln.run;

import dev.kiln.testsupport.ServiceContractTest;

@RunServiceTest
class RunServiceContractTest extends ServiceContractTest {}
