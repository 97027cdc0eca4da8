package io.xsg.session;

import io.xsg.session.account.AccountStore;
import io.xsg.session.account.AccountsCommand;
import io.xsg.session.subscriber.SubscriberStore;
import io.xsg.session.subscriber.SubscribersCommand;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Accounts and credentials, rosters, presence and offline storage, and the session directory's housekeeping. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SessionServiceApplication {

    /** Its configuration file; each service has its own name so that they can share one classpath. */
    public static final String CONFIG_NAME = "session-service";

    public static void main(String[] args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--spring.config.name=" + CONFIG_NAME;
        if (args.length > 0 && isCommand(args[0])) {
            System.exit(runCommand(new SpringApplicationBuilder(SessionServiceApplication.class), all));
        }
        SpringApplication.run(SessionServiceApplication.class, all);
    }

    /** Whether the first argument names a command ({@code accounts …}, {@code subscribers …}) rather than a run. */
    public static boolean isCommand(String first) {
        return first.equals(AccountsCommand.NAME) || first.equals(SubscribersCommand.NAME);
    }

    /**
     * Starts the service without web server or Kafka, runs one {@code accounts …} or {@code subscribers …} command,
     * and stops.
     */
    public static int runCommand(SpringApplicationBuilder builder, String[] args) {
        String[] positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        try (var context = builder.web(WebApplicationType.NONE)
                .properties("gateway.session.reaper.enabled=false", "gateway.session.im.enabled=false",
                        "gateway.session.console.enabled=false",
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN", "spring.kafka.admin.auto-create=false")
                .run(args)) {
            List<String> command = Arrays.asList(positional);
            return command.get(0).equals(SubscribersCommand.NAME)
                    ? new SubscribersCommand(context.getBean(SubscriberStore.class), System.out).run(command)
                    : new AccountsCommand(context.getBean(AccountStore.class), System.in, System.out).run(command);
        }
    }
}
