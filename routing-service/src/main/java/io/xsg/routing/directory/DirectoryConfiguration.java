package io.xsg.routing.directory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    @Bean
    SessionDirectory sessionDirectory() {
        return new SessionDirectory();
    }
}
