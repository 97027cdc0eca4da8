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

    /** What the console follows, declared here too so that it works before any connector has started. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "gateway.session.console.enabled",
            matchIfMissing = true)
    KafkaAdmin.NewTopics smsStatusTopics(Topics topics) {
        return new KafkaAdmin.NewTopics(topics.smsStatusTopics().toArray(NewTopic[]::new));
    }
}
