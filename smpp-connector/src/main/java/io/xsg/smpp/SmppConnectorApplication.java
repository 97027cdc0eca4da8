package io.xsg.smpp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The SMPP connector on its own: {@code smpp-connector.yml} (or {@code --spring.config.name}) configures it. */
@SpringBootApplication
public class SmppConnectorApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(SmppConnectorApplication.class)
                .properties("spring.config.name=smpp-connector")
                .run(args);
    }
}
