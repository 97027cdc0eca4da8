package io.xsg.bridge;

import io.xsg.events.topic.Topics;
import java.util.ArrayList;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The bridge inside its host (the session service), which provides a data source with the bridge's tables
 * ({@code db/migration} in this jar), the Kafka settings, {@link Topics}, a {@code StanzaPublisher}, and the two ports
 * {@link SubscriberDirectory} and {@link Contacts}.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(SmsBridgeProperties.class)
@EnableIntegration
public class SmsBridgeConfiguration {

    /** The container factory of the bridge's Kafka listeners. */
    public static final String LISTENER_FACTORY = "smsBridgeListenerFactory";

    /**
     * Batch listeners in consumer groups (each listener names its own): the session service's instances share the
     * partitions, so a handset's SMS events and its pseudo client's deliveries go to one instance at a time. A batch
     * is committed once the listener returned; a failure it lets through is retried with back-off, never skipped.
     */
    @Bean(LISTENER_FACTORY)
    @ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> smsBridgeListenerFactory(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()));
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    /**
     * The bridge edge's delivery topic (pseudo clients are its sessions) and the SMS topics it reads, declared before
     * any connector has started.
     */
    @Bean
    KafkaAdmin.NewTopics smsBridgeTopics(Topics topics) {
        var list = new ArrayList<>(topics.smsStatusTopics());
        list.add(topics.edgeDeliveryTopic(PseudoClients.EDGE_ID));
        return new KafkaAdmin.NewTopics(list.toArray(NewTopic[]::new));
    }
}
