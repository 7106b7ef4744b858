package dev.kiln.pipeline;

import dev.kiln.testsupport.ServiceContractTest;

@PipelineServiceTest
class PipelineServiceContractTest extends ServiceContractTest {}
