package io.xsg.smsc.mo;

import com.cloudhopper.smpp.pdu.DeliverSm;
import io.xsg.sms.segment.ConcatenationMode;
import io.xsg.sms.segment.Segment;
import io.xsg.sms.segment.SegmentationPolicy;
import io.xsg.sms.segment.Segmenter;
import io.xsg.sms.text.EncodingPolicy;
import io.xsg.smsc.MoRejectedException;
import io.xsg.smsc.NoReceiverBoundException;
import io.xsg.smsc.RawDeliverSm;
import io.xsg.smsc.SimAddress;
import io.xsg.smsc.handset.HandsetMessage;
import io.xsg.smsc.handset.Handsets;
import io.xsg.smsc.server.EsmeConnection;
import io.xsg.smsc.server.SessionRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends mobile-originated SMS to a bound ESME, split by sms-core as a handset would. */
public final class MoInjector {
    private final SessionRegistry registry;
    private final Handsets handsets;
    private final Clock clock;
    private final AtomicInteger reference = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));

    public MoInjector(SessionRegistry registry, Handsets handsets, Clock clock) {
        this.registry = registry;
        this.handsets = handsets;
        this.clock = clock;
    }

    public CompletableFuture<Void> inject(String from, String to, String text, ConcatenationMode mode, boolean shuffle) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        SimAddress source = SimAddress.parse(from);
        SimAddress destination = SimAddress.parse(to);
        EsmeConnection esme = registry.anyReceiver().orElse(null);
        if (esme == null) {
            return CompletableFuture.failedFuture(new NoReceiverBoundException());
        }
        int ref = reference.incrementAndGet() & (mode == ConcatenationMode.UDH8 ? 0xFF : 0xFFFF);
        List<Segment> segments = Segmenter.split(text, new SegmentationPolicy(EncodingPolicy.AUTO, mode), ref);
        List<DeliverSm> pdus = MoPdus.of(source, destination, segments);
        if (shuffle) {
            pdus = outOfOrder(pdus);
        }
        HandsetMessage record = handsets.recordMo(source.msisdn(), destination.msisdn(), text, segments.size(),
                clock.instant());
        List<CompletableFuture<Integer>> responses = new ArrayList<>(pdus.size());
        for (DeliverSm pdu : pdus) {
            responses.add(esme.send(pdu));
        }
        return CompletableFuture.allOf(responses.toArray(new CompletableFuture<?>[0]))
                .handle((ignored, failure) -> {
                    MoRejectedException rejected = firstRejection(responses, esme);
                    handsets.updateStatus(source.msisdn(), record.id(),
                            rejected == null ? "ACCEPTED" : "FAILED " + describe(rejected));
                    if (rejected != null) {
                        throw rejected;
                    }
                    return null;
                });
    }

    /** Sends one deliver_sm as given; completes with the ESME's command_status, whatever it is. */
    public CompletableFuture<Integer> injectRaw(RawDeliverSm raw) {
        EsmeConnection esme = registry.anyReceiver().orElse(null);
        if (esme == null) {
            return CompletableFuture.failedFuture(new NoReceiverBoundException());
        }
        return esme.send(MoPdus.of(raw));
    }

    /** Shuffled, and never left in the original order, so a test of out-of-order parts always tests that. */
    static <T> List<T> outOfOrder(List<T> items) {
        if (items.size() < 2) {
            return items;
        }
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, ThreadLocalRandom.current());
        if (copy.equals(items)) {
            Collections.reverse(copy);
        }
        return copy;
    }

    private static MoRejectedException firstRejection(List<CompletableFuture<Integer>> responses, EsmeConnection esme) {
        for (int i = 0; i < responses.size(); i++) {
            String part = "part " + (i + 1) + "/" + responses.size() + " sent to session " + esme.sessionId();
            try {
                int status = responses.get(i).join();
                if (status != 0) {
                    return new MoRejectedException(String.format("%s was answered with command_status 0x%08X", part,
                            status), status);
                }
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return new MoRejectedException(part + " got no response: " + cause.getMessage(), -1, cause);
            }
        }
        return null;
    }

    private static String describe(MoRejectedException e) {
        return e.commandStatus() < 0 ? "(no response)" : String.format("0x%08X", e.commandStatus());
    }
}
