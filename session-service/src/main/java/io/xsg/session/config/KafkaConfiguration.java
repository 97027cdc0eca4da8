package io.xsg.session.config;

import io.xsg.events.topic.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.bind.Binder;
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

    @Bean
    KafkaAdmin.NewTopics sharedTopics(Topics topics) {
        return new KafkaAdmin.NewTopics(topics.sharedTopics().toArray(NewTopic[]::new));
    }
}
