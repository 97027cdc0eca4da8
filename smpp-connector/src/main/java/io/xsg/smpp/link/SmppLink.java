package io.xsg.smpp.link;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.type.LoggingOptions;
import com.cloudhopper.smpp.type.RecoverablePduException;
import com.cloudhopper.smpp.type.SmppChannelException;
import com.cloudhopper.smpp.type.SmppTimeoutException;
import com.cloudhopper.smpp.type.UnrecoverablePduException;
import io.xsg.smpp.config.ConnectorProperties.BindMode;
import io.xsg.smpp.config.ConnectorProperties.Link;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMSC link: binds, keeps the bind alive with enquire_link, and rebinds with back-off and jitter whenever it is
 * lost. Cloudhopper does none of that itself, and its asynchronous sends neither fail on a closed channel nor time
 * out without a window monitor; here every request gets a future that completes with the response, a
 * {@link ResponseTimeoutException} or a {@link LinkUnavailableException}, never hangs.
 *
 * <p>All bind and rebind work runs on the link's single control thread, so states change in one place.
 */
public final class SmppLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppLink.class);
    /** Writer threads per link: Cloudhopper blocks each sender until its PDU is on the socket. */
    private static final int WRITERS = 2;

    private final Link config;
    private final InboundRequests inbound;
    private final LinkListener listener;
    private final ScheduledExecutorService control;
    private final ScheduledExecutorService monitor;
    private final ExecutorService writers;
    private final DefaultSmppClient client;
    private final Backoff backoff;
    private final AtomicInteger generation = new AtomicInteger();

    private volatile LinkState state = LinkState.STOPPED;
    private volatile LinkSession transmitter;
    private volatile LinkSession receiver;
    private ScheduledFuture<?> probe;

    /** Tells the owner about binds and losses (metrics, and the submitter's wake-up). */
    public interface LinkListener {
        void bound();

        void lost(String reason);
    }

    public SmppLink(Link config, InboundRequests inbound, LinkListener listener) {
        this.config = config;
        this.inbound = inbound;
        this.listener = listener;
        this.control = Executors.newSingleThreadScheduledExecutor(daemon("smpp-" + config.id() + "-control"));
        this.monitor = Executors.newSingleThreadScheduledExecutor(daemon("smpp-" + config.id() + "-window"));
        this.client = new DefaultSmppClient(Executors.newCachedThreadPool(daemon("smpp-" + config.id() + "-io")),
                2, monitor);
        this.backoff = new Backoff(config.reconnectMin(), config.reconnectMax());
        // Cloudhopper blocks the sender until each PDU is on the socket; a few writer threads keep that wait off the
        // submitter, which would otherwise spend most of its time there (measured: ~80 us per submit_sm on 2 cores)
        this.writers = Executors.newFixedThreadPool(WRITERS, daemon("smpp-" + config.id() + "-writer"));
    }

    public String id() {
        return config.id();
    }

    public LinkState state() {
        return state;
    }

    public boolean isBound() {
        return state == LinkState.BOUND;
    }

    /** Starts binding in the background; {@link #isBound()} tells when it succeeded. */
    public void start() {
        state = LinkState.CONNECTING;
        control.execute(this::connect);
    }

    /**
     * Sends a request on the transmitting session without blocking the caller; the caller keeps the number in flight
     * within the window and at most one request per handset in flight, so the writers cannot reorder a handset.
     */
    public CompletableFuture<PduResponse> send(PduRequest<?> request) {
        LinkSession session = transmitter;
        if (state != LinkState.BOUND || session == null) {
            return CompletableFuture.failedFuture(new LinkUnavailableException("link " + config.id() + " is not bound"));
        }
        var result = new CompletableFuture<PduResponse>();
        try {
            writers.execute(() -> session.send(request, config.responseTimeout().toMillis()).whenComplete((r, e) -> {
                if (e == null) {
                    result.complete(r);
                } else {
                    result.completeExceptionally(e);
                }
            }));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new LinkUnavailableException("link " + config.id() + " is stopping"));
        }
        return result;
    }

    private void connect() {
        if (state != LinkState.CONNECTING) {
            return;
        }
        int gen = generation.incrementAndGet();
        try {
            if (config.bindMode() == BindMode.TRANSCEIVER) {
                transmitter = bind(SmppBindType.TRANSCEIVER, gen);
                receiver = null;
            } else {
                transmitter = bind(SmppBindType.TRANSMITTER, gen);
                receiver = bind(SmppBindType.RECEIVER, gen);
            }
        } catch (Exception e) {
            closeSessions();
            Duration delay = backoff.next();
            log.warn("link {}: bind to {}:{} failed ({}); retrying in {} ms", config.id(), config.host(),
                    config.port(), describe(e), delay.toMillis());
            listener.lost("bind failed: " + describe(e));
            control.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        backoff.reset();
        state = LinkState.BOUND;
        long every = config.enquireLinkInterval().toMillis();
        probe = control.scheduleWithFixedDelay(() -> probe(gen), every, every, TimeUnit.MILLISECONDS);
        log.info("link {}: bound to {}:{} as {} ({})", config.id(), config.host(), config.port(), config.systemId(),
                config.bindMode());
        listener.bound();
    }

    private LinkSession bind(SmppBindType type, int gen) throws Exception {
        var cfg = new SmppSessionConfiguration(type, config.systemId(), config.password());
        cfg.setName(config.id() + "-" + type.name().toLowerCase());
        cfg.setHost(config.host());
        cfg.setPort(config.port());
        cfg.setSystemType(config.systemType());
        cfg.setInterfaceVersion(SmppConstants.VERSION_3_4);
        cfg.setConnectTimeout(config.bindTimeout().toMillis());
        cfg.setBindTimeout(config.bindTimeout().toMillis());
        // one spare slot so enquire_link never waits behind a full window of submits
        cfg.setWindowSize(config.window() + 1);
        cfg.setWindowWaitTimeout(config.writeTimeout().toMillis());
        cfg.setRequestExpiryTimeout(config.responseTimeout().toMillis());
        cfg.setWindowMonitorInterval(Math.max(100, Math.min(1000, config.responseTimeout().toMillis() / 4)));
        cfg.setWriteTimeout(config.writeTimeout().toMillis());
        var quiet = new LoggingOptions();
        quiet.setLogPdu(false);
        quiet.setLogBytes(false);
        cfg.setLoggingOptions(quiet);
        var handler = new LinkSession(config.id() + "-" + type.name().toLowerCase(), inbound,
                reason -> control.execute(() -> lost(gen, reason)));
        SmppSession session = client.bind(cfg, handler);
        handler.attach(session);
        return handler;
    }

    private void probe(int gen) {
        for (LinkSession session : new LinkSession[] {transmitter, receiver}) {
            if (session == null) {
                continue;
            }
            session.send(new EnquireLink(), config.responseTimeout().toMillis()).whenComplete((response, error) -> {
                if (error != null) {
                    control.execute(() -> lost(gen, "enquire_link failed: " + describe(error)));
                }
            });
        }
    }

    /** The bind of generation {@code gen} is gone: fail what waits on it and rebind after a back-off. */
    private void lost(int gen, String reason) {
        if (gen != generation.get() || state != LinkState.BOUND) {
            return;
        }
        state = LinkState.CONNECTING;
        if (probe != null) {
            probe.cancel(false);
        }
        closeSessions();
        Duration delay = backoff.next();
        log.warn("link {}: lost ({}); rebinding in {} ms", config.id(), reason, delay.toMillis());
        listener.lost(reason);
        control.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void closeSessions() {
        for (LinkSession session : new LinkSession[] {transmitter, receiver}) {
            if (session != null) {
                session.destroy(new LinkUnavailableException("link " + config.id() + " lost its bind"));
            }
        }
        transmitter = null;
        receiver = null;
    }

    /** Unbinds gracefully (answers still in flight have until the write timeout), then releases every thread. */
    @Override
    public void close() {
        var done = new CompletableFuture<Void>();
        control.execute(() -> {
            state = LinkState.UNBINDING;
            if (probe != null) {
                probe.cancel(false);
            }
            for (LinkSession session : new LinkSession[] {transmitter, receiver}) {
                if (session != null) {
                    session.unbind(config.writeTimeout().toMillis());
                }
            }
            closeSessions();
            state = LinkState.STOPPED;
            done.complete(null);
        });
        try {
            done.get(config.writeTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("link {}: unbind did not finish cleanly: {}", config.id(), describe(e));
        }
        control.shutdownNow();
        writers.shutdownNow();
        client.destroy();
        monitor.shutdownNow();
        log.info("link {}: stopped", config.id());
    }

    static String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static ThreadFactory daemon(String name) {
        var count = new AtomicInteger();
        return r -> {
            var t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Sends that fail before they reach the socket; kept apart so callers see one exception type per cause. */
    static RuntimeException sendFailure(String session, Exception e) {
        if (e instanceof SmppChannelException || e instanceof SmppTimeoutException) {
            return new LinkUnavailableException(session + ": " + describe(e));
        }
        if (e instanceof RecoverablePduException || e instanceof UnrecoverablePduException) {
            return new IllegalArgumentException(session + ": cannot encode PDU: " + describe(e), e);
        }
        return new LinkUnavailableException(session + ": " + describe(e));
    }
}
