package io.xsg.smsc.app.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/faults/fail-next}: answer the next {@code count} submit_sm with {@code commandStatus}. */
public record FailNextRequest(
        @NotNull @Min(0) @Max(1_000_000) Integer count,
        @NotNull @Min(1) Integer commandStatus) {
}
