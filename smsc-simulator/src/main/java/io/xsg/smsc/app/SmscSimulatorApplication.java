package io.xsg.smsc.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The simulator as a service: SMPP on 2775, the handset page and REST API on 8090. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SmscSimulatorApplication {

    /** Its own config name, so the simulator's file never shadows a service's application.yml in one JVM. */
    public static final String CONFIG_NAME = "spring.config.name=smsc-simulator";

    public static void main(String[] args) {
        new SpringApplicationBuilder(SmscSimulatorApplication.class).properties(CONFIG_NAME).run(args);
    }
}
