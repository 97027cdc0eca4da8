package io.xsg.smpp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoIdsTest {

    private static final byte[] HELLO = {'h', 'e', 'l', 'l', 'o'};

    @Test
    void theSameDeliverSmGetsTheSameIdEveryTime() {
        assertThat(MoIds.singlePart("+14155551000", "123", 0, 0, HELLO, null))
                .isEqualTo(MoIds.singlePart("+14155551000", "123", 0, 0, HELLO.clone(), null))
                .startsWith("mo-").hasSize("mo-".length() + 32);
    }

    @Test
    void anyFieldThatDiffersGivesAnotherId() {
        String id = MoIds.singlePart("+14155551000", "123", 0, 0, HELLO, 7);
        assertThat(MoIds.singlePart("+14155551000", "123", 0, 0, HELLO, 7)).as("through another bind, the same")
                .isEqualTo(id);
        assertThat(MoIds.singlePart("+14155551001", "123", 0, 0, HELLO, 7)).isNotEqualTo(id);
        assertThat(MoIds.singlePart("+14155551000", "124", 0, 0, HELLO, 7)).isNotEqualTo(id);
        assertThat(MoIds.singlePart("+14155551000", "123", 0, 8, HELLO, 7)).isNotEqualTo(id);
        assertThat(MoIds.singlePart("+14155551000", "123", 0, 0, new byte[] {'h'}, 7)).isNotEqualTo(id);
        assertThat(MoIds.singlePart("+14155551000", "123", 0, 0, HELLO, 8))
                .as("the handset's next message reference").isNotEqualTo(id);
        assertThat(MoIds.singlePart("+14155551000", "123", 0, 0, HELLO, null)).isNotEqualTo(id);
    }

    @Test
    void addressesCannotRunIntoEachOther() {
        assertThat(MoIds.singlePart("+1415", "5551000", 0, 0, HELLO, null))
                .isNotEqualTo(MoIds.singlePart("+14155", "551000", 0, 0, HELLO, null));
    }
}
