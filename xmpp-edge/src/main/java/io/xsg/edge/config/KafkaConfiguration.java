package io.xsg.edge.config;

import io.xsg.events.topic.Topics;
import io.xsg.kafka.DeadLetters;
import java.util.ArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    Topics topics(Environment environment) {
        return Binder.get(environment).bindOrCreate("gateway.kafka.topics", Topics.class);
    }

    /** The shared topics and this edge's own delivery topic. */
    /** Deliveries this edge cannot read, kept on {@code xmpp.deliver.<edge-id>-dlt}. */
    @Bean(destroyMethod = "close")
    DeadLetters deadLetters(KafkaProperties kafka, io.micrometer.core.instrument.MeterRegistry registry) {
        return new DeadLetters(kafka.buildProducerProperties(), registry);
    }

    @Bean
    KafkaAdmin.NewTopics edgeTopics(Topics topics, EdgeProperties properties) {
        var list = new ArrayList<>(topics.sharedTopics());
        list.add(topics.edgeDeliveryTopic(properties.edgeId()));
        list.add(topics.deadLetterTopic(topics.edgeDelivery(properties.edgeId())));
        return new KafkaAdmin.NewTopics(list.toArray(NewTopic[]::new));
    }
}
