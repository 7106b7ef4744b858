package dev.kiln.run.snapshot;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SnapshotProperties.class)
class SnapshotConfiguration {}
