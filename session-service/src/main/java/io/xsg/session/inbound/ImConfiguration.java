package io.xsg.session.inbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.delivery.StanzaPublisher;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.topic.Topics;
import io.xsg.kafka.DeadLetters;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The instant-messaging side's Kafka wiring: the directory view, the publisher, and the account stanza consumer. */
@Configuration(proxyBeanMethods = false)
class ImConfiguration {

    /** Every session of the deployment, in memory; followed by {@code DirectoryFollower} when IM is enabled. */
    @Bean
    SessionDirectory sessionDirectory() {
        return new SessionDirectory();
    }

    /** Account stanzas this service cannot read or handle, kept on {@code xmpp.account-stanzas-dlt}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
    DeadLetters deadLetters(KafkaProperties kafka, MeterRegistry registry) {
        return new DeadLetters(kafka.buildProducerProperties(), registry);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
    StanzaPublisher stanzaPublisher(KafkaProperties kafka, Topics topics) {
        return new StanzaPublisher(kafka.buildProducerProperties(), topics);
    }

    /**
     * Batches of account stanzas, committed once their state and output are in the database; a database failure
     * retries the same batch with back-off for as long as it takes.
     */
    @Bean
    @ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> accountStanzaListenerFactory(KafkaProperties kafka,
                                                                                      OutboxRelay relay) {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "session-service");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()));
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        // a partition's new owner relays what the outbox holds for it before handling anything new
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                relay.assigned(partitions.stream().map(TopicPartition::partition).toList());
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                relay.revoked(partitions.stream().map(TopicPartition::partition).toList());
            }
        });
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}
