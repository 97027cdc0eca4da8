package io.xsg.smsc.server;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.type.LoggingOptions;
import com.cloudhopper.smpp.type.SmppProcessingException;
import io.xsg.smsc.SimulatorSettings;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks credentials on bind and turns each created session into an {@link EsmeConnection}. */
public final class SimulatorServerHandler implements SmppServerHandler {
    private static final Logger log = LoggerFactory.getLogger(SimulatorServerHandler.class);

    private final Map<String, String> accounts;
    private final int throttleLimit;
    private final int windowSize;
    private final int maxSessions;
    private final long responseTimeoutMillis;
    private final SessionRegistry registry;
    private final SubmitProcessor processor;
    private final BindListener bindListener;
    private final Executor sender;
    private final Clock clock;

    /** @param sender runs the writes of requests to ESMEs, off the Netty I/O threads */
    public SimulatorServerHandler(SimulatorSettings settings, SessionRegistry registry, SubmitProcessor processor,
            BindListener bindListener, Executor sender, Clock clock) {
        this.accounts = settings.accounts();
        this.throttleLimit = settings.throttleLimit();
        this.windowSize = settings.windowSize();
        this.maxSessions = settings.maxConnections();
        this.responseTimeoutMillis = settings.responseTimeout().toMillis();
        this.registry = Objects.requireNonNull(registry);
        this.processor = Objects.requireNonNull(processor);
        this.bindListener = Objects.requireNonNull(bindListener);
        this.sender = Objects.requireNonNull(sender);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public void sessionBindRequested(Long sessionId, SmppSessionConfiguration config, BaseBind bindRequest)
            throws SmppProcessingException {
        String expected = accounts.get(config.getSystemId());
        if (expected == null) {
            log.info("bind {} refused: unknown system_id '{}'", sessionId, config.getSystemId());
            throw new SmppProcessingException(SmppConstants.STATUS_INVSYSID);
        }
        if (!expected.equals(config.getPassword())) {
            log.info("bind {} refused: wrong password for '{}'", sessionId, config.getSystemId());
            throw new SmppProcessingException(SmppConstants.STATUS_INVPASWD);
        }
        // Cloudhopper only logs when maxConnectionSize is exceeded; a real SMSC refuses the bind
        if (registry.size() >= maxSessions) {
            log.info("bind {} refused: already {} sessions bound", sessionId, maxSessions);
            throw new SmppProcessingException(SmppConstants.STATUS_BINDFAIL);
        }
        config.setName("esme-" + config.getSystemId() + "-" + sessionId);
        config.setWindowSize(windowSize);
        config.setRequestExpiryTimeout(responseTimeoutMillis);
        config.setWindowWaitTimeout(responseTimeoutMillis);
        config.setWindowMonitorInterval(Math.max(50, Math.min(1_000, responseTimeoutMillis / 4)));
        config.setWriteTimeout(responseTimeoutMillis);
        // Cloudhopper logs every PDU at INFO by default: far too much at thousands of submits per second
        LoggingOptions quiet = new LoggingOptions();
        quiet.setLogPdu(false);
        quiet.setLogBytes(false);
        config.setLoggingOptions(quiet);
    }

    @Override
    public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp preparedBindResponse) {
        EsmeConnection esme = new EsmeConnection(sessionId, session, clock.instant(), throttleLimit, processor,
                sender, responseTimeoutMillis);
        // registered first so that a caller seeing the bind complete finds the session; requests to it
        // queue until serverReady has written the bind_resp, since nothing may precede that
        registry.add(esme);
        session.serverReady(esme);
        esme.ready();
        log.info("session {} bound: {} as {}", sessionId, esme.systemId(), esme.bindType());
        bindListener.bound(esme);
    }

    @Override
    public void sessionDestroyed(Long sessionId, SmppServerSession session) {
        EsmeConnection esme = registry.remove(sessionId, session);
        if (esme != null) {
            log.info("session {} ({}) gone", sessionId, esme.systemId());
            esme.destroyed();
        } else {
            session.destroy();
        }
    }
}
