package io.xsg.smpp.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.topic.Topics;
import io.xsg.smpp.SmppConnectors;
import io.xsg.smpp.health.SmppLinksHealthIndicator;
import io.xsg.smpp.health.SmppWorkersHealthIndicator;
import java.util.ArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectorProperties.class)
class ConnectorConfiguration {

    @Bean
    Topics topics(Environment environment) {
        return Binder.get(environment).bindOrCreate("gateway.kafka.topics", Topics.class);
    }

    /** Each link's submit and MO-parts topics, and the shared SMSC event topic. */
    @Bean
    KafkaAdmin.NewTopics smsTopics(Topics topics, ConnectorProperties properties) {
        var list = new ArrayList<NewTopic>();
        for (ConnectorProperties.Link link : properties.links()) {
            for (NewTopic topic : topics.smsLinkTopics(link.id())) {
                if (list.stream().noneMatch(t -> t.name().equals(topic.name()))) {
                    list.add(topic);
                }
            }
        }
        return new KafkaAdmin.NewTopics(list.toArray(NewTopic[]::new));
    }

    @Bean
    SmppConnectors smppConnectors(ConnectorProperties properties, Topics topics, KafkaProperties kafka,
                                  MeterRegistry registry) {
        return new SmppConnectors(properties, topics, kafka, registry);
    }

    @Bean("smppWorkersHealthIndicator")
    SmppWorkersHealthIndicator smppWorkersHealthIndicator(SmppConnectors connectors) {
        return new SmppWorkersHealthIndicator(connectors);
    }

    @Bean("smppLinksHealthIndicator")
    SmppLinksHealthIndicator smppLinksHealthIndicator(SmppConnectors connectors) {
        return new SmppLinksHealthIndicator(connectors);
    }
}
