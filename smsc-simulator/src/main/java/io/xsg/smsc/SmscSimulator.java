package io.xsg.smsc;

import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.type.SmppChannelException;
import io.xsg.sms.segment.ConcatenationMode;
import io.xsg.sms.segment.Reassembler;
import io.xsg.smsc.handset.Handsets;
import io.xsg.smsc.handset.MtAssembler;
import io.xsg.smsc.mo.MoInjector;
import io.xsg.smsc.receipt.ReceiptOutbox;
import io.xsg.smsc.receipt.ReceiptScheduler;
import io.xsg.smsc.server.EsmeConnection;
import io.xsg.smsc.server.Faults;
import io.xsg.smsc.server.SessionRegistry;
import io.xsg.smsc.server.SimulatorServerHandler;
import io.xsg.smsc.submit.SubmitJournal;
import io.xsg.smsc.submit.SubmitService;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC for tests and the demo, on Cloudhopper's {@link DefaultSmppServer}. Plain Java:
 *
 * <pre>{@code
 * try (SmscSimulator sim = new SmscSimulator(SimulatorSettings.builder().receiptDelay(Duration.ofMillis(50)).build())) {
 *     sim.start();
 *     connect to 127.0.0.1:sim.port() as gateway/secret ...
 * }
 * }</pre>
 *
 * <p>The journal, the handsets and the message id sequence survive {@link #stop()}, so a test can
 * restart the SMSC and keep asserting; bound sessions, held receipts and pending timers do not.
 */
public final class SmscSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
    private static final long UNBIND_TIMEOUT_MILLIS = 1_000;
    private static final long EXPIRY_SWEEP_MILLIS = 1_000;

    private final SimulatorSettings settings;
    private final Clock clock;
    private final Handsets handsets = new Handsets();
    private final SubmitJournal journal;
    private final Faults faults = new Faults();
    private final SessionRegistry registry = new SessionRegistry();
    private final MtAssembler mtAssembler;
    private final AtomicLong ids = new AtomicLong(SubmitService.FIRST_ID);
    private Running running;

    public SmscSimulator(SimulatorSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock arrival times, validity and receipt dates; timers still run on real time */
    public SmscSimulator(SimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.journal = new SubmitJournal(settings.journalLimit());
        this.mtAssembler = new MtAssembler(handsets,
                new Reassembler(settings.reassemblyTimeout(), Handsets.MAX_HANDSETS, clock), clock);
    }

    /** Binds the listening socket; {@link #port()} tells which port when the settings asked for 0. */
    public synchronized void start() {
        if (running != null) {
            return;
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, daemon("smsc-timer"));
        ExecutorService sender = Executors.newFixedThreadPool(4, daemon("smsc-sender"));
        ScheduledExecutorService monitor = Executors.newScheduledThreadPool(1, daemon("smsc-window"));
        ExecutorService io = Executors.newCachedThreadPool(daemon("smsc-io"));
        ReceiptOutbox outbox = new ReceiptOutbox(registry, scheduler, settings.redeliveryDelay(), settings.journalLimit());
        ReceiptScheduler receipts = new ReceiptScheduler(settings, scheduler, outbox, handsets, clock);
        SubmitService submits = new SubmitService(settings.responseIdFormat(), faults, journal, mtAssembler, receipts,
                clock, ids);
        SimulatorServerHandler handler = new SimulatorServerHandler(settings, registry, submits, outbox, sender, clock);
        DefaultSmppServer server = new DefaultSmppServer(serverConfiguration(), handler, io, monitor);
        Running run = new Running(server, scheduler, sender, monitor, outbox,
                new MoInjector(registry, handsets, clock));
        try {
            server.start();
        } catch (SmppChannelException | RuntimeException e) {
            run.shutdown();
            throw new SmscSimulatorException("cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        // sweep often enough that a set is filed as partial soon after its timeout, even a short test one
        long sweep = Math.max(50, Math.min(EXPIRY_SWEEP_MILLIS, settings.reassemblyTimeout().toMillis() / 2));
        scheduler.scheduleWithFixedDelay(mtAssembler::expire, sweep, sweep, TimeUnit.MILLISECONDS);
        try {
            run.port = boundPort(server);
        } catch (RuntimeException e) {
            run.shutdown();
            throw e;
        }
        running = run;
        log.info("SMSC simulator listening on {}:{}", settings.host(), run.port);
    }

    /** Unbinds every session, closes the socket and stops the timers. Idempotent. */
    public synchronized void stop() {
        Running run = running;
        if (run == null) {
            return;
        }
        running = null;
        for (EsmeConnection esme : registry.all()) {
            try {
                esme.unbind(UNBIND_TIMEOUT_MILLIS);
            } catch (RuntimeException e) {
                log.debug("unbind of session {} failed: {}", esme.sessionId(), e.toString());
            }
        }
        run.shutdown();
        log.info("SMSC simulator on port {} stopped", run.port);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /** The listening port: the configured one, or the one picked when it was 0. */
    public synchronized int port() {
        return requireRunning().port;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    // ---- journal and state -------------------------------------------------------------------

    /** Every accepted submit_sm, oldest first (up to {@link SimulatorSettings#journalLimit()}). */
    public List<SubmittedPdu> submitted() {
        return journal.all();
    }

    /** The newest {@code count} accepted submits, oldest first. */
    public List<SubmittedPdu> lastSubmitted(int count) {
        return journal.last(count);
    }

    public void clearSubmitted() {
        journal.clear();
    }

    public Handsets handsets() {
        return handsets;
    }

    public List<BoundSession> boundSessions() {
        return registry.all().stream().map(EsmeConnection::describe).toList();
    }

    /** How many sessions the ESMEs ended politely, with an unbind (not a dropped connection). */
    public long unbindsReceived() {
        return registry.unbinds();
    }

    /** True once {@code count} sessions are bound, false if that takes longer than {@code timeout}. */
    public boolean awaitBound(int count, Duration timeout) throws InterruptedException {
        return registry.awaitSize(count, timeout);
    }

    /** Receipts held because no session of their system_id can receive. */
    public int heldReceipts() {
        Running run = current();
        return run == null ? 0 : run.outbox.waiting();
    }

    // ---- mobile-originated -------------------------------------------------------------------

    /**
     * Sends an SMS from handset {@code from} to {@code to} (the gateway's virtual number or short
     * code), split as {@code mode} says, to one bound receiving session.
     *
     * @param shuffleParts send the parts of a long SMS out of order (never in the original order)
     * @return completes when every deliver_sm_resp is in; fails with {@link NoReceiverBoundException}
     *         when nobody can receive, or {@link MoRejectedException} on an error status or timeout
     */
    public CompletableFuture<Void> injectMo(String from, String to, String text, ConcatenationMode mode,
            boolean shuffleParts) {
        Running run = current();
        if (run == null) {
            return CompletableFuture.failedFuture(new NoReceiverBoundException());
        }
        return run.mo.inject(from, to, text, mode, shuffleParts);
    }

    /** {@link #injectMo(String, String, String, ConcatenationMode, boolean)} with 8-bit UDH, in order. */
    public CompletableFuture<Void> injectMo(String from, String to, String text) {
        return injectMo(from, to, text, ConcatenationMode.UDH8, false);
    }

    /**
     * Sends one deliver_sm exactly as given (not recorded in {@link #handsets()}).
     *
     * @return the deliver_sm_resp command_status, whatever it is
     */
    public CompletableFuture<Integer> injectRawDeliverSm(RawDeliverSm raw) {
        Running run = current();
        if (run == null) {
            return CompletableFuture.failedFuture(new NoReceiverBoundException());
        }
        return run.mo.injectRaw(raw);
    }

    // ---- fault injection ---------------------------------------------------------------------

    /** Closes every session's TCP connection at once, without unbind. */
    public int dropConnections() {
        List<EsmeConnection> all = List.copyOf(registry.all());
        all.forEach(EsmeConnection::closeAbruptly);
        log.info("dropped {} connection(s)", all.size());
        return all.size();
    }

    /** While enabled, submit_sm are read but never answered (other PDUs still are). */
    public void setUnresponsive(boolean enabled) {
        faults.setUnresponsive(enabled);
        log.info("unresponsive mode {}", enabled ? "on" : "off");
    }

    public boolean isUnresponsive() {
        return faults.unresponsive();
    }

    /**
     * The next {@code count} submit_sm (on any session) are answered with {@code commandStatus},
     * e.g. {@code 0x14} ESME_RMSGQFUL or {@code 0x0B} ESME_RINVDSTADR, and are not recorded.
     */
    public void failNext(int count, int commandStatus) {
        faults.failNext(count, commandStatus);
    }

    public int failuresLeft() {
        return faults.failuresLeft();
    }

    /** Back to a clean slate between tests: no faults, empty journal, no handsets. Sessions stay bound. */
    public void reset() {
        faults.setUnresponsive(false);
        faults.failNext(0, 0);
        journal.clear();
        handsets.clear();
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private synchronized Running current() {
        return running;
    }

    private Running requireRunning() {
        if (running == null) {
            throw new IllegalStateException("the simulator is not running");
        }
        return running;
    }

    private SmppServerConfiguration serverConfiguration() {
        SmppServerConfiguration c = new SmppServerConfiguration();
        c.setName("smsc-simulator");
        c.setHost(settings.host());
        c.setPort(settings.port());
        c.setSystemId(settings.systemId());
        c.setMaxConnectionSize(settings.maxConnections());
        c.setNonBlockingSocketsEnabled(true);
        c.setReuseAddress(true);
        c.setBindTimeout(settings.bindTimeout().toMillis());
        c.setDefaultWindowSize(settings.windowSize());
        c.setDefaultWindowWaitTimeout(settings.responseTimeout().toMillis());
        c.setDefaultRequestExpiryTimeout(settings.responseTimeout().toMillis());
        c.setDefaultWindowMonitorInterval(Math.max(50, Math.min(1_000, settings.responseTimeout().toMillis() / 4)));
        c.setDefaultSessionCountersEnabled(false);
        c.setJmxEnabled(false);
        return c;
    }

    /**
     * Cloudhopper keeps the listening channel private and reports only the configured port, so
     * with port 0 the real one is read from that channel.
     */
    private int boundPort(DefaultSmppServer server) {
        if (settings.port() != 0) {
            return settings.port();
        }
        try {
            Field field = DefaultSmppServer.class.getDeclaredField("serverChannel");
            field.setAccessible(true);
            org.jboss.netty.channel.Channel channel = (org.jboss.netty.channel.Channel) field.get(server);
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SmscSimulatorException("cannot tell which port the server bound", e);
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** What exists only while started. */
    private static final class Running {
        final DefaultSmppServer server;
        final ScheduledExecutorService scheduler;
        final ExecutorService sender;
        final ScheduledExecutorService monitor;
        final ReceiptOutbox outbox;
        final MoInjector mo;
        int port;

        Running(DefaultSmppServer server, ScheduledExecutorService scheduler, ExecutorService sender,
                ScheduledExecutorService monitor, ReceiptOutbox outbox, MoInjector mo) {
            this.server = server;
            this.scheduler = scheduler;
            this.sender = sender;
            this.monitor = monitor;
            this.outbox = outbox;
            this.mo = mo;
        }

        void shutdown() {
            scheduler.shutdownNow();
            // destroy() closes every channel and releases the I/O executor handed to the server
            server.destroy();
            sender.shutdownNow();
            monitor.shutdownNow();
        }
    }
}
