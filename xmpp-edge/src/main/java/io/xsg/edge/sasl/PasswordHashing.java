package io.xsg.edge.sasl;

import io.xsg.xmpp.sasl.ScramCredential;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where PLAIN's PBKDF2 runs: milliseconds of CPU per login, kept off the event loops so that the other streams of a
 * loop never wait behind a login. One thread per core and a bounded queue: a login storm queues here, and past the
 * queue a login gets {@code temporary-auth-failure} instead of the edge running out of memory.
 */
@Component
public class PasswordHashing implements DisposableBean {

    private static final int QUEUE = 10_000;

    private final ThreadPoolExecutor pool;

    public PasswordHashing() {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "sasl-pbkdf2-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Whether the password derives the credential's keys; fails with a RejectedExecutionException when full. */
    public CompletableFuture<Boolean> verify(ScramCredential credential, String password) {
        return CompletableFuture.supplyAsync(() -> credential.verifyPassword(password), pool);
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
