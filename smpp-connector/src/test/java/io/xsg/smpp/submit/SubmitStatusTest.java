package io.xsg.smpp.submit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubmitStatusTest {

    @Test
    void classifiesTheStatusesThatDecideBetweenRetryAndFailure() {
        assertThat(SubmitStatus.of(0x00)).isEqualTo(SubmitStatus.ACCEPTED);
        assertThat(SubmitStatus.of(0x58)).isEqualTo(SubmitStatus.LINK_THROTTLED);
        assertThat(SubmitStatus.of(0x14)).isEqualTo(SubmitStatus.RETRY);
        assertThat(SubmitStatus.of(0x08)).isEqualTo(SubmitStatus.RETRY);
        assertThat(SubmitStatus.of(0x64)).isEqualTo(SubmitStatus.RETRY);
        assertThat(SubmitStatus.of(0x0B)).isEqualTo(SubmitStatus.PERMANENT);
        assertThat(SubmitStatus.of(0x45)).isEqualTo(SubmitStatus.PERMANENT);
        assertThat(SubmitStatus.of(0x65)).isEqualTo(SubmitStatus.PERMANENT);
    }
}
