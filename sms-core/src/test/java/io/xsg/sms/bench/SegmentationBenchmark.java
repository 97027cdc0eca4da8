package io.xsg.sms.bench;

import io.xsg.sms.receipt.DeliveryReceipt;
import io.xsg.sms.receipt.DeliveryReceiptParser;
import io.xsg.sms.receipt.MessageIdFormat;
import io.xsg.sms.segment.Segment;
import io.xsg.sms.segment.SegmentationPolicy;
import io.xsg.sms.segment.Segmenter;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Throughput of the MT hot path (alphabet choice and segmentation, which {@link Segmenter#split} does in one
 * call) for three typical texts, and of reading an Appendix B delivery receipt.
 *
 * <p>Run from the repository root (forked JVMs need a plain class path, so not via exec:java):
 * <pre>
 * ./mvnw -B -q -o -pl sms-core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp sms-core/target/test-classes:sms-core/target/classes:$(cat sms-core/target/test.classpath) \
 *     io.xsg.sms.bench.SegmentationBenchmark
 * </pre>
 * Defaults are 1 fork, 2 warm-up and 3 measurement iterations of 1 s; JMH command-line options
 * (e.g. {@code -f 3 -wi 5 -i 5 -r 2s}) override them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SegmentationBenchmark {

    /** 140 GSM characters, one part. */
    static final String GSM_140 = ("Your code is 482913. It expires in 10 minutes. Do not share it with anyone, "
            + "not even our staff. Questions? Call 0800 123 456, Mon-Fri 8:00-20:00.").substring(0, 140);

    /** 400 GSM characters with a few extension-table chars, three UDH8 parts. */
    static final String GSM_400 = ("Dear customer, your bill of 42.50€ [ref {A-77}] is due on 31/01. Pay by card "
            + "or transfer; late fees ~5% apply. ").repeat(4).substring(0, 400);

    /** 200 chars of Cyrillic with emoji (surrogate pairs), three UCS-2 UDH8 parts. */
    static final String UCS2_200 = ("Привет! Встречаемся у метро в 19:00 😀 Не опаздывай 🙏 ").repeat(5)
            .substring(0, 200);

    static final String RECEIPT = "id:0000123456789 sub:001 dlvrd:001 submit date:2501311200 "
            + "done date:2501311201 stat:DELIVRD err:000 text:Your code is 482913";

    private final SegmentationPolicy policy = SegmentationPolicy.defaults();
    private final ZoneId zone = ZoneOffset.UTC;
    private int reference;

    @Benchmark
    public List<Segment> splitGsm140() {
        return Segmenter.split(GSM_140, policy, ++reference);
    }

    @Benchmark
    public List<Segment> splitGsm400() {
        return Segmenter.split(GSM_400, policy, ++reference);
    }

    @Benchmark
    public List<Segment> splitUcs2Emoji200() {
        return Segmenter.split(UCS2_200, policy, ++reference);
    }

    @Benchmark
    public DeliveryReceipt parseReceipt() {
        return DeliveryReceiptParser.parse(null, null, null, RECEIPT, MessageIdFormat.DECIMAL, zone);
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        // A quick run by default; builder settings would override the parent, so only fill gaps.
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(SegmentationBenchmark.class.getName() + ".*");
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
