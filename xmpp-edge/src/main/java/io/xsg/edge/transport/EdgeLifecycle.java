package io.xsg.edge.transport;

import io.xsg.edge.config.EdgeIdentity;
import io.xsg.edge.config.EdgeProperties;
import io.xsg.edge.delivery.DeliveryConsumer;
import io.xsg.edge.delivery.EdgePublisher;
import io.xsg.edge.s2s.Federation;
import io.xsg.edge.session.LocalSessions;
import io.xsg.edge.stream.StreamContext;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeHeartbeat;
import io.xsg.kafka.DeadLetters;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the edge in the order that keeps a client from ever talking to a half-ready edge: Kafka metadata, the
 * first heartbeat, the delivery consumer positioned, then the listeners. Stops in reverse.
 */
@Component
public class EdgeLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EdgeLifecycle.class);

    private final StreamContext context;
    private final EdgePublisher publisher;
    private final EdgeIdentity identity;
    private final EdgeProperties properties;
    private final DeliveryConsumer deliveries;
    private final C2sServer server;
    private final Federation federation;
    private ScheduledExecutorService heartbeats;
    private volatile boolean running;

    public EdgeLifecycle(StreamContext context, KafkaProperties kafka, Topics topics, LocalSessions sessions,
                         DeadLetters deadLetters, Federation federation) {
        this.federation = federation;
        this.context = context;
        this.publisher = context.publisher();
        this.identity = context.identity();
        this.properties = context.properties();
        this.deliveries = new DeliveryConsumer(kafka, topics, identity, sessions, context.termination(),
                context.metrics(), deadLetters);
        this.server = new C2sServer(context);
    }

    @Override
    public void start() {
        try {
            publisher.warmUp();
            heartbeat();
            long every = properties.heartbeatInterval().toMillis();
            heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
                var t = new Thread(r, "edge-heartbeat");
                t.setDaemon(true);
                return t;
            });
            heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
            deliveries.start(Duration.ofSeconds(60));
            federation.start();
            server.start();
            running = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the edge", e);
        }
    }

    private void heartbeat() {
        publisher.heartbeat(new EdgeHeartbeat(identity.edgeId(), identity.incarnation(), System.currentTimeMillis(),
                properties.heartbeatInterval().toMillis())).whenComplete((ok, error) -> {
                    if (error != null) {
                        log.warn("heartbeat not published: {}", error.toString());
                    }
                });
    }

    public C2sServer server() {
        return server;
    }

    public boolean ready() {
        return running && server.isBound() && deliveries.isAssigned();
    }

    @Override
    public void stop() {
        running = false;
        // nothing is resumed across a shutdown: detached sessions end now (their timers die with the event loops),
        // the others when their streams close with system-shutdown
        for (var session : context.sessions().all()) {
            session.endResumption();
            if (session.detached()) {
                context.termination().end(session, true);
            }
        }
        server.stop();
        federation.stop();
        drain();
        deliveries.stop();
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }

    /** Routing learns of the closed streams from the directory; until then its deliveries are re-sent from here. */
    private void drain() {
        try {
            Thread.sleep(context.properties().shutdownDrain().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
