package io.xsg.smpp.submit;

import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.transcoder.DefaultPduTranscoder;
import com.cloudhopper.smpp.transcoder.DefaultPduTranscoderContext;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.smpp.support.TestLinks;
import io.xsg.sms.address.Msisdn;
import io.xsg.sms.segment.ConcatenationMode;
import io.xsg.sms.segment.Segment;
import io.xsg.sms.segment.SegmentationPolicy;
import io.xsg.sms.segment.Segmenter;
import io.xsg.sms.text.EncodingPolicy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.netty.buffer.ChannelBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The connector's per-message CPU on the submit path: segment a text and encode its submit_sm PDUs to bytes, as the
 * submitter does. Run with:
 * <pre>
 *   java -cp "$(cat smpp-connector/target/test-classpath.txt):smpp-connector/target/classes:smpp-connector/target/test-classes" \
 *       org.openjdk.jmh.Main SubmitPduBenchmark -wi 3 -w 1s -i 5 -r 1s -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SubmitPduBenchmark {

    private static final String SHORT = "Your code is 123456. Reply STOP to opt out of further messages from us.";
    private static final String LONG = SHORT.repeat(6);

    private DefaultPduTranscoder transcoder;
    private SubmitPduFactory pdus;
    private Msisdn destination;
    private SmsSource source;
    private Instant expiry;

    @Setup
    public void setUp() {
        transcoder = new DefaultPduTranscoder(new DefaultPduTranscoderContext());
        pdus = new SubmitPduFactory(TestLinks.link("bench", 2775));
        destination = new Msisdn("+14155550100");
        source = SmsSource.shortCode("123");
        expiry = Instant.now().plusSeconds(3600);
    }

    @Benchmark
    public int encodeSingle() throws Exception {
        return encode(SHORT);
    }

    @Benchmark
    public int encodeLongUdh() throws Exception {
        return encode(LONG);
    }

    private int encode(String text) throws Exception {
        List<Segment> segments = Segmenter.split(text,
                new SegmentationPolicy(EncodingPolicy.AUTO, ConcatenationMode.UDH8), 7);
        int bytes = 0;
        Instant now = Instant.now();
        for (Segment segment : segments) {
            SubmitSm pdu = pdus.build(source, destination, segment, true, expiry, now);
            ChannelBuffer buffer = transcoder.encode(pdu);
            bytes += buffer.readableBytes();
        }
        return bytes;
    }
}
