package io.xsg.smsc.mo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

class MoInjectorTest {

    @RepeatedTest(20)
    void outOfOrderNeverKeepsTheOriginalOrder() {
        assertThat(MoInjector.outOfOrder(List.of(1, 2))).containsExactly(2, 1);
        List<Integer> shuffled = MoInjector.outOfOrder(List.of(1, 2, 3));
        assertThat(shuffled).containsExactlyInAnyOrder(1, 2, 3).isNotEqualTo(List.of(1, 2, 3));
        assertThat(MoInjector.outOfOrder(List.of(1))).containsExactly(1);
    }
}
