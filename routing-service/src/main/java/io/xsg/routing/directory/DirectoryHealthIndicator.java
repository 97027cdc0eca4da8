package io.xsg.routing.directory;

import io.xsg.directory.SessionDirectory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Up once the session directory has been read to its end: before that, routing would misroute. */
@Component("sessionDirectoryHealthIndicator")
class DirectoryHealthIndicator implements HealthIndicator {

    private final DirectoryReader reader;
    private final SessionDirectory directory;

    DirectoryHealthIndicator(DirectoryReader reader, SessionDirectory directory) {
        this.reader = reader;
        this.directory = directory;
    }

    @Override
    public Health health() {
        return (reader.isCaughtUp() ? Health.up() : Health.down()).withDetail("sessions", directory.size()).build();
    }
}
