package dev.kiln.common.event;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** Wires the outbox relay to Kafka, its resubmitter and the idempotent consumer. */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
      "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
      "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
      "org.springframework.modulith.events.jpa.JpaEventPublicationAutoConfiguration"
    })
@ConditionalOnClass({KafkaTemplate.class, IncompleteEventPublications.class})
@EnableAsync
@EnableScheduling
public class EventsAutoConfiguration {

  @Bean
  @ConditionalOnBean(KafkaTemplate.class)
  KafkaEventRelay kafkaEventRelay(
      KafkaTemplate<String, String> kafka,
      JsonMapper json,
      @Value("${kiln.events.send-timeout:5s}") Duration sendTimeout) {
    return new KafkaEventRelay(kafka, json, sendTimeout);
  }

  @Bean
  @ConditionalOnBean(IncompleteEventPublications.class)
  OutboxResubmitter outboxResubmitter(
      IncompleteEventPublications incomplete,
      @Value("${kiln.events.resubmit-after:10s}") Duration olderThan) {
    return new OutboxResubmitter(incomplete, olderThan);
  }

  @Bean
  @ConditionalOnBean({CompletedEventPublications.class, JdbcTemplate.class})
  EventHousekeeping eventHousekeeping(
      CompletedEventPublications completed,
      JdbcTemplate jdbc,
      @Value("${kiln.events.keep-completed:7d}") Duration keepCompleted,
      @Value("${kiln.events.keep-processed:14d}") Duration keepProcessed) {
    return new EventHousekeeping(completed, jdbc, keepCompleted, keepProcessed);
  }

  @Bean
  @ConditionalOnBean(JdbcTemplate.class)
  IdempotentConsumer idempotentConsumer(JdbcTemplate jdbc, MeterRegistry meters) {
    return new IdempotentConsumer(jdbc, meters);
  }
}
