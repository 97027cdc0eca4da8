package io.xsg.routing.directory;

import io.xsg.delivery.StanzaPublisher;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.topic.Topics;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    @Bean
    SessionDirectory sessionDirectory() {
        return new SessionDirectory();
    }

    @Bean(destroyMethod = "close")
    StanzaPublisher stanzaPublisher(KafkaProperties kafka, Topics topics) {
        return new StanzaPublisher(kafka.buildProducerProperties(), topics);
    }
}
