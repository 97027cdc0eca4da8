package io.xsg.routing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Routes stanzas per RFC 6121 and answers for the server domain. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RoutingApplication {

    /** Its configuration file; each service has its own name so that they can share one classpath. */
    public static final String CONFIG_NAME = "routing-service";

    public static void main(String[] args) {
        SpringApplication.run(RoutingApplication.class, withConfigName(args));
    }

    static String[] withConfigName(String[] args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--spring.config.name=" + CONFIG_NAME;
        return all;
    }
}
