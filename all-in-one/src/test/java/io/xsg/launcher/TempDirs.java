package io.xsg.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.util.FileSystemUtils;

/**
 * Temporary directories of the tests and load drivers, removed with what they hold: a gateway's data directory (its
 * Kafka log, its database, its generated keys) is hundreds of megabytes that nobody reads again.
 */
public final class TempDirs {

    private static final List<Path> AT_EXIT = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> AT_EXIT.forEach(TempDirs::delete), "temp-dirs"));
    }

    private TempDirs() {
    }

    /**
     * A new directory removed when the JVM exits. Only for what is closed before then (a load driver closes its
     * gateway and then calls {@code System.exit}): shutdown hooks run side by side, so a directory a hook still
     * writes to must be removed by that hook itself, with {@link #delete}.
     */
    public static Path deletedAtExit(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            AT_EXIT.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code dir} and everything in it; a leftover only costs disk, so a failure is not the test's. */
    public static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e);
        }
    }
}
