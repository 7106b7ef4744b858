package dev.kiln.compute.target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings of compute targets. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TargetSettings.class)
class TargetConfiguration {}
