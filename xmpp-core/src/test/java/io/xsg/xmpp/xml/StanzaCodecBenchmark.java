package io.xsg.xmpp.xml;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Throughput of the stanza hot path: parsing a ~300-byte chat message inside an open stream,
 * and serialising it back with {@link XmlWriter}.
 *
 * <p>Run from the repository root (forked JVMs need a plain class path, so not via exec:java):
 * <pre>
 * mvn -B -q -o -pl xmpp-core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp xmpp-core/target/test-classes:xmpp-core/target/classes:$(cat xmpp-core/target/test.classpath) \
 *     io.xsg.xmpp.xml.StanzaCodecBenchmark
 * </pre>
 * Defaults are 1 fork, 2 warm-up and 3 measurement iterations of 1 s; JMH command-line options
 * (e.g. {@code -f 3 -wi 5 -i 5 -r 2s}) override them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StanzaCodecBenchmark {

    static final String STANZA = "<message from='juliet@im.example.com/balcony' id='ktx72v49'"
            + " to='+15551234567@sms.example.com' type='chat' xml:lang='en'>"
            + "<body>Wherefore art thou Romeo? Meet me at the orchard at 9 &amp; bring the ring.</body>"
            + "<request xmlns='urn:xmpp:receipts'/>"
            + "<thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread>"
            + "</message>";

    private final byte[] stanza = STANZA.getBytes(UTF_8);
    private final Capture capture = new Capture();
    private final StringBuilder out = new StringBuilder(512);
    private XmlStreamParser parser;
    private XmlElement parsed;

    /** Holds the last element so the benchmark can return it. */
    static final class Capture implements XmlStreamListener {
        XmlElement last;

        @Override
        public void onStreamOpen(StreamHeader header) {
        }

        @Override
        public void onElement(XmlElement element) {
            last = element;
        }

        @Override
        public void onStreamClose() {
        }
    }

    @Setup(Level.Iteration)
    public void openStream() throws XmlStreamException {
        // One long-lived stream per iteration, as on a real connection.
        parser = new XmlStreamParser(XmlLimits.defaults(), capture);
        byte[] header = Streams.HEADER.getBytes(UTF_8);
        parser.feed(header, 0, header.length);
        parser.feed(stanza, 0, stanza.length);
        parsed = capture.last;
    }

    @Benchmark
    public XmlElement parse() throws XmlStreamException {
        parser.feed(stanza, 0, stanza.length);
        return capture.last;
    }

    @Benchmark
    public StringBuilder serialise() {
        out.setLength(0);
        XmlWriter.write(parsed, Namespaces.CLIENT, out);
        return out;
    }

    @Benchmark
    public StringBuilder parseAndSerialise() throws XmlStreamException {
        parser.feed(stanza, 0, stanza.length);
        out.setLength(0);
        XmlWriter.write(capture.last, Namespaces.CLIENT, out);
        return out;
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        // A quick run by default; builder settings would override the parent, so only fill gaps.
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(StanzaCodecBenchmark.class.getName() + ".*");
        }
        if (!cli.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            options.warmupIterations(2);
        }
        if (!cli.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(1));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            options.measurementIterations(3);
        }
        if (!cli.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(1));
        }
        new Runner(options.build()).run();
    }
}
