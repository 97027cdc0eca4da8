package io.xsg.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.SmppTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultInjectionIT {

    @Test
    void throttlesSubmitsAboveTheRatePerBind() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(SimulatorSettings.builder().throttleLimit(5).build());
                TestEsme esme = TestEsme.bind(sim.port())) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(esme.submit("+447700900001", "burst " + i, 0).getCommandStatus());
            }
            assertThat(statuses).containsExactly(0, 0, 0, 0, 0, 0x58, 0x58, 0x58);
            assertThat(sim.submitted()).hasSize(5);
        }
    }

    @Test
    void failNextAnswersTheNextSubmitsWithTheGivenStatus() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(SimulatorSettings.builder().build());
                TestEsme esme = TestEsme.bind(sim.port())) {
            sim.failNext(2, SmppConstants.STATUS_MSGQFUL);
            assertThat(esme.submit("+447700900001", "a", 0).getCommandStatus()).isEqualTo(0x14);
            assertThat(esme.submit("+447700900001", "b", 0).getCommandStatus()).isEqualTo(0x14);
            assertThat(esme.submit("+447700900001", "c", 0).getCommandStatus()).isZero();
            sim.failNext(1, SmppConstants.STATUS_INVDSTADR);
            assertThat(esme.submit("+447700900001", "d", 0).getCommandStatus()).isEqualTo(0x0B);
            assertThat(sim.failuresLeft()).isZero();
            assertThat(sim.submitted()).hasSize(1);

            sim.failNext(5, SmppConstants.STATUS_MSGQFUL);
            sim.setUnresponsive(true);
            sim.reset();
            assertThat(sim.submitted()).isEmpty();
            assertThat(esme.submit("+447700900001", "e", 0).getCommandStatus()).isZero();
        }
    }

    @Test
    void anUnresponsiveSmscLetsRequestsTimeOut() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(SimulatorSettings.builder().build());
                TestEsme esme = TestEsme.bind(sim.port())) {
            sim.setUnresponsive(true);
            SubmitSm submit = TestEsme.submitSm("+15550000001", "+447700900001", "void".getBytes(StandardCharsets.ISO_8859_1), 0);
            assertThatThrownBy(() -> esme.session().submit(submit, 300)).isInstanceOf(SmppTimeoutException.class);
            assertThat(sim.submitted()).isEmpty();
            sim.setUnresponsive(false);
            assertThat(esme.submit("+447700900001", "back", 0).getCommandStatus()).isZero();
        }
    }

    @Test
    void dropConnectionsClosesEverySessionWithoutUnbind() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(SimulatorSettings.builder().build());
                TestEsme one = TestEsme.bind(sim.port());
                TestEsme two = TestEsme.bind(sim.port())) {
            assertThat(sim.awaitBound(2, Duration.ofSeconds(2))).isTrue();
            assertThat(sim.dropConnections()).isEqualTo(2);
            assertThat(one.closed.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(two.closed.await(2, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!sim.boundSessions().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(sim.boundSessions()).isEmpty();
        }
    }
}
