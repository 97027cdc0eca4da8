package io.xsg.session.directory;

import io.xsg.directory.DirectoryFeed;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.topic.Topics;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this service's {@link SessionDirectory} in step with the directory topic, read to its end before the account
 * stanza consumer and the reaper start (a lower phase): presence and offline decisions need to know who is online.
 */
@Component
@ConditionalOnExpression("${gateway.session.im.enabled:true} or ${gateway.session.reaper.enabled:true}")
public class DirectoryFollower implements SmartLifecycle {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final DirectoryFeed feed;
    private volatile boolean running;

    public DirectoryFollower(SessionDirectory directory, KafkaProperties kafka, Topics topics,
                             io.micrometer.core.instrument.MeterRegistry registry) {
        // conflicts between two bindings of one full JID are routing's to settle
        this.feed = new DirectoryFeed(kafka.buildConsumerProperties(), topics, directory, loser -> { });
        io.micrometer.core.instrument.FunctionCounter.builder("kafka.skipped.records", feed,
                DirectoryFeed::skippedRecords).description("records a follower could not read and skipped")
                .tag("topic", topics.sessionDirectory()).register(registry);
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void start() {
        feed.start(CATCH_UP);
        running = true;
    }

    public boolean isCaughtUp() {
        return feed.isCaughtUp();
    }

    /** See {@link DirectoryFeed#awaitCurrent}: this copy holds every entry written before the call. */
    public boolean awaitCurrent(Duration timeout) {
        return feed.awaitCurrent(timeout);
    }

    @Override
    public void stop() {
        running = false;
        feed.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
