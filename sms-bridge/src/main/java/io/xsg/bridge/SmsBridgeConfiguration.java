package io.xsg.bridge;

import io.xsg.events.topic.Topics;
import java.util.ArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.kafka.core.KafkaAdmin;

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
