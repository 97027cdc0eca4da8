package io.xsg.smpp.submit;

import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.sms.address.Msisdn;
import io.xsg.sms.segment.Segment;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** One request on its way: its segments, how far it got, and where it came from in Kafka. */
final class OutgoingSms {

    final SmsSubmitRequest request;
    final TopicPartition partition;
    final long offset;
    Msisdn destination;
    List<Segment> segments;
    final List<String> messageIds = new ArrayList<>();
    int next;
    /** Its partition was revoked: finish it, but its offset belongs to the new owner. */
    boolean orphan;

    OutgoingSms(SmsSubmitRequest request, TopicPartition partition, long offset) {
        this.request = request;
        this.partition = partition;
        this.offset = offset;
    }

    boolean started() {
        return segments != null && next > 0;
    }

    boolean allSent() {
        return segments != null && next >= segments.size();
    }
}
