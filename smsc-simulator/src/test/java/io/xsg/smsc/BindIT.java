package io.xsg.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.type.SmppBindException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BindIT {
    private SmscSimulator simulator;

    @BeforeEach
    void start() {
        simulator = new SmscSimulator(SimulatorSettings.builder().account("gateway", "secret").account("other", "pw").build());
        simulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void picksAFreePortWhenAskedForZero() {
        assertThat(simulator.port()).isPositive();
        assertThat(simulator.isRunning()).isTrue();
    }

    @Test
    void acceptsEveryBindTypeWithGoodCredentials() throws Exception {
        try (TestEsme trx = TestEsme.bind(simulator.port());
                TestEsme tx = TestEsme.bind(simulator.port(), "other", "pw", SmppBindType.TRANSMITTER);
                TestEsme rx = TestEsme.bind(simulator.port(), "gateway", "secret", SmppBindType.RECEIVER)) {
            assertThat(trx.session().isBound()).isTrue();
            assertThat(simulator.awaitBound(3, Duration.ofSeconds(2))).isTrue();
            assertThat(simulator.boundSessions())
                    .extracting(BoundSession::systemId, BoundSession::bindType)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("gateway", "TRANSCEIVER"),
                            org.assertj.core.groups.Tuple.tuple("other", "TRANSMITTER"),
                            org.assertj.core.groups.Tuple.tuple("gateway", "RECEIVER"));
        }
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> TestEsme.bind(simulator.port(), "gateway", "wrong", SmppBindType.TRANSCEIVER))
                .isInstanceOfSatisfying(SmppBindException.class, e ->
                        assertThat(e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_INVPASWD));
        assertThat(simulator.boundSessions()).isEmpty();
    }

    @Test
    void refusesAnUnknownSystemId() {
        assertThatThrownBy(() -> TestEsme.bind(simulator.port(), "nobody", "secret", SmppBindType.TRANSCEIVER))
                .isInstanceOfSatisfying(SmppBindException.class, e ->
                        assertThat(e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_INVSYSID));
    }

    @Test
    void refusesBindsBeyondTheSessionLimit() throws Exception {
        try (SmscSimulator small = SubmitIT.started(SimulatorSettings.builder().maxConnections(1).build());
                TestEsme first = TestEsme.bind(small.port())) {
            assertThat(first.session().isBound()).isTrue();
            assertThatThrownBy(() -> TestEsme.bind(small.port()))
                    .isInstanceOfSatisfying(SmppBindException.class, e ->
                            assertThat(e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_BINDFAIL));
        }
    }

    @Test
    void stopUnbindsTheEsmeAndARestartTakesBindsAgain() throws Exception {
        int port;
        try (TestEsme esme = TestEsme.bind(simulator.port())) {
            port = simulator.port();
            simulator.stop();
            assertThat(simulator.isRunning()).isFalse();
            // the server unbinds, then closes the connection
            assertThat(esme.closed.await(2, TimeUnit.SECONDS)).isTrue();
        }
        simulator.start();
        try (TestEsme again = TestEsme.bind(simulator.port())) {
            assertThat(again.session().isBound()).isTrue();
        }
        assertThat(port).isPositive();
    }
}
