package io.xsg.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Terminates XMPP client streams and bridges them to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EdgeApplication {

    /** Its configuration file; each service has its own name so that they can share one classpath. */
    public static final String CONFIG_NAME = "xmpp-edge";

    public static void main(String[] args) {
        SpringApplication.run(EdgeApplication.class, withConfigName(args));
    }

    static String[] withConfigName(String[] args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--spring.config.name=" + CONFIG_NAME;
        return all;
    }
}
