package io.xsg.launcher.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Prosody (Debian's package) serving one domain from a directory of its own: configuration, data, log. Runs as
 * root with {@code run_as_root}, finds other servers through {@code /etc/hosts} (lua-unbound's {@code hoststxt}),
 * authenticates peers by SASL EXTERNAL or, failing that, dialback ({@code s2s_secure_auth = false}).
 */
public final class ProsodyProcess implements AutoCloseable {

    private final Path dir;
    private final Path config;
    private final Process process;
    private final int c2sPort;

    private ProsodyProcess(Path dir, Path config, Process process, int c2sPort) {
        this.dir = dir;
        this.config = config;
        this.process = process;
        this.c2sPort = c2sPort;
    }

    /**
     * @param address     the loopback address it listens on (two Prosodys federate on 5269 each on their own)
     * @param certificate PEM chain for the domain; {@code key} its PKCS#8 key
     * @param logLevel    {@code debug} logs every stanza (for tests), {@code info} does not (for load)
     */
    public static ProsodyProcess start(Path dir, String domain, String address, int c2sPort, int s2sPort,
                                       Path certificate, Path key, String logLevel)
            throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("prosody.cfg.lua");
        Files.writeString(config, String.join("\n",
                "run_as_root = true",
                "pidfile = '" + dir.resolve("prosody.pid") + "'",
                "data_path = '" + dir.resolve("data") + "'",
                "log = { " + logLevel + " = '" + dir.resolve("prosody.log") + "' }",
                "interfaces = { '" + address + "' }",
                "c2s_ports = { " + c2sPort + " }",
                "s2s_ports = { " + s2sPort + " }",
                "c2s_direct_tls_ports = { }", "s2s_direct_tls_ports = { }", "http_ports = { }", "https_ports = { }",
                "modules_enabled = { 'roster', 'saslauth', 'tls', 'dialback', 'disco', 'ping', 'posix' }",
                "c2s_require_encryption = true",
                "s2s_require_encryption = true",
                "s2s_secure_auth = false",
                "authentication = 'internal_plain'",
                "unbound = { hoststxt = '/etc/hosts' }",
                "VirtualHost '" + domain + "'",
                "  ssl = { certificate = '" + certificate + "', key = '" + key + "' }",
                ""));
        Process process = new ProcessBuilder("prosody", "--config", config.toString(), "-F").redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        var prosody = new ProsodyProcess(dir, config, process, c2sPort);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!listening(address, c2sPort) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!listening(address, c2sPort)) {
            prosody.close();
            throw new IOException("prosody did not start: " + Files.readString(dir.resolve("stdout.log")));
        }
        return prosody;
    }

    private static boolean listening(String address, int port) {
        try (var s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 200);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    public void register(String user, String domain, String password) throws IOException, InterruptedException {
        Process register = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", user, domain,
                password).redirectErrorStream(true).redirectOutput(dir.resolve("prosodyctl.log").toFile()).start();
        if (!register.waitFor(30, TimeUnit.SECONDS) || register.exitValue() != 0) {
            throw new IOException("prosodyctl register " + user + ": " + Files.readString(dir.resolve("prosodyctl.log")));
        }
    }

    public int c2sPort() {
        return c2sPort;
    }

    public Path log() {
        return dir.resolve("prosody.log");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
