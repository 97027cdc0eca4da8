package io.xsg.session.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every cell of RFC 6121 Appendix A's eight tables: nine states times four stanzas, each way. */
class SubscriptionStateTest {

    private static final SubscriptionState NONE = SubscriptionState.NONE;
    private static final SubscriptionState NONE_OUT = new SubscriptionState(Subscription.NONE, true, false);
    private static final SubscriptionState NONE_IN = new SubscriptionState(Subscription.NONE, false, true);
    private static final SubscriptionState NONE_OUT_IN = new SubscriptionState(Subscription.NONE, true, true);
    private static final SubscriptionState TO = new SubscriptionState(Subscription.TO, false, false);
    private static final SubscriptionState TO_IN = new SubscriptionState(Subscription.TO, false, true);
    private static final SubscriptionState FROM = new SubscriptionState(Subscription.FROM, false, false);
    private static final SubscriptionState FROM_OUT = new SubscriptionState(Subscription.FROM, true, false);
    private static final SubscriptionState BOTH = new SubscriptionState(Subscription.BOTH, false, false);

    private static void table(UnaryOperator<SubscriptionState> transition, Map<SubscriptionState, SubscriptionState> t) {
        assertThat(t).hasSize(9);
        t.forEach((from, to) -> assertThat(transition.apply(from)).as("from %s", from).isEqualTo(to));
    }

    @Test
    void a21OutboundSubscribe() {
        table(SubscriptionState::outboundSubscribe, Map.of(NONE, NONE_OUT, NONE_OUT, NONE_OUT, NONE_IN, NONE_OUT_IN,
                NONE_OUT_IN, NONE_OUT_IN, TO, TO, TO_IN, TO_IN, FROM, FROM_OUT, FROM_OUT, FROM_OUT, BOTH, BOTH));
    }

    @Test
    void a22OutboundUnsubscribe() {
        table(SubscriptionState::outboundUnsubscribe, Map.of(NONE, NONE, NONE_OUT, NONE, NONE_IN, NONE_IN,
                NONE_OUT_IN, NONE_IN, TO, NONE, TO_IN, NONE_IN, FROM, FROM, FROM_OUT, FROM, BOTH, FROM));
    }

    @Test
    void a23OutboundSubscribed() {
        table(SubscriptionState::outboundSubscribed, Map.of(NONE, NONE, NONE_OUT, NONE_OUT, NONE_IN, FROM,
                NONE_OUT_IN, FROM_OUT, TO, TO, TO_IN, BOTH, FROM, FROM, FROM_OUT, FROM_OUT, BOTH, BOTH));
    }

    @Test
    void a24OutboundUnsubscribed() {
        table(SubscriptionState::outboundUnsubscribed, Map.of(NONE, NONE, NONE_OUT, NONE_OUT, NONE_IN, NONE,
                NONE_OUT_IN, NONE_OUT, TO, TO, TO_IN, TO, FROM, NONE, FROM_OUT, NONE_OUT, BOTH, TO));
    }

    @Test
    void a31InboundSubscribe() {
        table(SubscriptionState::inboundSubscribe, Map.of(NONE, NONE_IN, NONE_OUT, NONE_OUT_IN, NONE_IN, NONE_IN,
                NONE_OUT_IN, NONE_OUT_IN, TO, TO_IN, TO_IN, TO_IN, FROM, FROM, FROM_OUT, FROM_OUT, BOTH, BOTH));
    }

    @Test
    void a32InboundUnsubscribe() {
        table(SubscriptionState::inboundUnsubscribe, Map.of(NONE, NONE, NONE_OUT, NONE_OUT, NONE_IN, NONE,
                NONE_OUT_IN, NONE_OUT, TO, TO, TO_IN, TO, FROM, NONE, FROM_OUT, NONE_OUT, BOTH, TO));
    }

    @Test
    void a33InboundSubscribed() {
        table(SubscriptionState::inboundSubscribed, Map.of(NONE, NONE, NONE_OUT, TO, NONE_IN, NONE_IN,
                NONE_OUT_IN, TO_IN, TO, TO, TO_IN, TO_IN, FROM, FROM, FROM_OUT, BOTH, BOTH, BOTH));
    }

    @Test
    void a34InboundUnsubscribed() {
        table(SubscriptionState::inboundUnsubscribed, Map.of(NONE, NONE, NONE_OUT, NONE, NONE_IN, NONE_IN,
                NONE_OUT_IN, NONE_IN, TO, NONE, TO_IN, NONE_IN, FROM, FROM, FROM_OUT, FROM, BOTH, FROM));
    }

    @Test
    void impossibleStatesCannotBeMade() {
        assertThatThrownBy(() -> new SubscriptionState(Subscription.TO, true, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubscriptionState(Subscription.FROM, false, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
