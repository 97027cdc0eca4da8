package io.xsg.smpp;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmscLinkStatus;
import io.xsg.kafka.DeadLetters;
import io.xsg.smpp.config.ConnectorProperties.Link;
import io.xsg.smpp.health.LinkMetrics;
import io.xsg.smpp.inbound.DeliverSmHandler;
import io.xsg.smpp.inbound.MoReassembly;
import io.xsg.smpp.link.LinkState;
import io.xsg.smpp.link.SmppLink;
import io.xsg.smpp.publish.SmscPublisher;
import io.xsg.smpp.submit.SubmitPipeline;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Everything one SMSC link runs: its bind, its submitter, and its MO reassembly. */
public final class LinkRuntime {

    private final Link config;
    private final SmppLink link;
    private final SubmitPipeline submitter;
    private final MoReassembly reassembly;
    private final LinkMetrics metrics;
    private final DeliverSmHandler inbound;

    LinkRuntime(Link config, Topics topics, SmscPublisher publisher, DeadLetters deadLetters,
                Map<String, Object> consumerProperties, MeterRegistry registry) {
        this.config = config;
        SubmitPipeline[] pipeline = new SubmitPipeline[1];
        this.metrics = new LinkMetrics(registry, config.id(), () -> pipeline[0] == null ? 0 : pipeline[0].inFlight());
        this.inbound = new DeliverSmHandler(config, publisher, metrics);
        this.link = new SmppLink(config, inbound, new SmppLink.LinkListener() {
            @Override
            public void bound() {
                changed(null);
                metrics.bound(true);
                if (pipeline[0] != null) {
                    pipeline[0].linkBound();
                }
            }

            @Override
            public void lost(String reason) {
                changed(reason);
                metrics.bound(false);
                metrics.reconnect();
            }
        });
        this.submitter = new SubmitPipeline(config, link, publisher, metrics, deadLetters, consumerProperties,
                topics.smsSubmit(config.id()), topics.smscEvents());
        pipeline[0] = submitter;
        this.reassembly = new MoReassembly(config, publisher, metrics, deadLetters, consumerProperties,
                topics.smsMoParts(config.id()), Clock.systemUTC());
    }

    public String id() {
        return config.id();
    }

    private volatile String lastError;
    private volatile Instant since = Instant.now();
    private volatile Runnable onChange = () -> { };

    private void changed(String reason) {
        if (reason != null) {
            lastError = reason;
        }
        since = Instant.now();
        onChange.run();
    }

    /** Called after each bind and each loss, e.g. to report the link's state at once. */
    void onChange(Runnable action) {
        this.onChange = action;
    }

    /** The link's state for the link status topic. */
    public SmscLinkStatus status(String connector, long intervalMillis) {
        return new SmscLinkStatus(config.id(), connector, link.state().name(), windowInUse(), window(), lastError,
                since, Instant.now(), intervalMillis);
    }

    public LinkState state() {
        return link.state();
    }

    /** Whether the submitter and MO reassembly threads still run. */
    public boolean workersAlive() {
        return submitter.isAlive() && reassembly.isAlive();
    }

    public int windowInUse() {
        return submitter.inFlight();
    }

    public int window() {
        return config.window();
    }

    void start() {
        reassembly.start();
        link.start();
        submitter.start();
    }

    /** Submits drain first, then the link unbinds (receipts still arriving are answered until then). */
    void stop() {
        submitter.stop();
        reassembly.stop();
        link.close();
        inbound.close();
    }
}
