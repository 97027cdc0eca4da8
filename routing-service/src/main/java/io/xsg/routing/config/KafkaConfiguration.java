package io.xsg.routing.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.topic.Topics;
import io.xsg.kafka.DeadLetters;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    Topics topics(Environment environment) {
        return Binder.get(environment).bindOrCreate("gateway.kafka.topics", Topics.class);
    }

    /** Stanza events routing cannot read or route, kept on {@code xmpp.stanzas-dlt} for an operator. */
    @Bean(destroyMethod = "close")
    DeadLetters deadLetters(KafkaProperties kafka, MeterRegistry registry) {
        return new DeadLetters(kafka.buildProducerProperties(), registry);
    }

    @Bean
    KafkaAdmin.NewTopics sharedTopics(Topics topics) {
        return new KafkaAdmin.NewTopics(topics.sharedTopics().toArray(NewTopic[]::new));
    }

    /**
     * Batches of raw stanza events, committed after the batch's deliveries are acknowledged. A failure to publish
     * (a lost broker) retries the same batch with back-off for as long as it takes: routing delays, never drops.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> stanzaListenerFactory(KafkaProperties kafka,
                                                                               RoutingProperties routing) {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, routing.consumerGroup());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()));
        factory.setBatchListener(true);
        // Offsets of routed (acknowledged) batches are committed at most every 100 ms, asynchronously: a commit
        // per batch would put a group-coordinator write on every stanza's path and double the broker's work. A
        // crash re-routes at most that much, and the edges drop delivery ids they have already written.
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        factory.getContainerProperties().setAckTime(100);
        factory.getContainerProperties().setSyncCommits(false);
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}
