package io.xsg.smsc.app.api;

import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/faults/unresponsive}. */
public record UnresponsiveRequest(@NotNull Boolean enabled) {
}
