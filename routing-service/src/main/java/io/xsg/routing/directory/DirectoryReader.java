package io.xsg.routing.directory;

import io.xsg.delivery.StanzaPublisher;
import io.xsg.directory.DirectoryFeed;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.routing.config.RoutingProperties;
import io.xsg.xmpp.error.StreamErrorCondition;
import java.time.Duration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows the session directory before the stanza listener starts (a lower lifecycle phase), and closes the older of
 * two sessions bound to one full JID.
 */
@Component
public class DirectoryReader implements SmartLifecycle {

    private final DirectoryFeed feed;
    private final Duration catchUp;
    private volatile boolean running;

    public DirectoryReader(SessionDirectory directory, KafkaProperties kafka, Topics topics,
                           StanzaPublisher deliveries, RoutingProperties properties,
                           io.micrometer.core.instrument.MeterRegistry registry) {
        this.feed = new DirectoryFeed(kafka.buildConsumerProperties(), topics, directory,
                loser -> replace(deliveries, loser));
        io.micrometer.core.instrument.FunctionCounter.builder("kafka.skipped.records", feed,
                DirectoryFeed::skippedRecords).description("records a follower could not read and skipped")
                .tag("topic", topics.sessionDirectory()).register(registry);
        this.catchUp = properties.directoryCatchUp();
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void start() {
        feed.start(catchUp);
        running = true;
    }

    public boolean isCaughtUp() {
        return feed.isCaughtUp();
    }

    /** RFC 6120 §7.7.2.2: the older session with a full JID is closed with {@code <conflict/>}. */
    private static void replace(StanzaPublisher deliveries, SessionEntry loser) {
        deliveries.publish(loser.edgeId(), EdgeDeliveryEvent.closeStream("conflict/" + loser.sessionId(),
                loser.sessionId(), StreamErrorCondition.CONFLICT.elementName()));
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
