package io.xsg.smsc.submit;

import io.xsg.smsc.SubmittedPdu;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** Accepted submits, newest last, dropping the oldest past a limit. Lock-free: it sits on the submit path. */
public final class SubmitJournal {
    private final ConcurrentLinkedDeque<SubmittedPdu> entries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int limit;

    public SubmitJournal(int limit) {
        this.limit = limit;
    }

    public void add(SubmittedPdu pdu) {
        entries.addLast(pdu);
        if (size.incrementAndGet() > limit && entries.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    public List<SubmittedPdu> all() {
        return List.copyOf(entries);
    }

    /** The newest {@code count} entries, oldest first. */
    public List<SubmittedPdu> last(int count) {
        List<SubmittedPdu> newestFirst = new ArrayList<>(Math.min(count, 1_024));
        Iterator<SubmittedPdu> it = entries.descendingIterator();
        while (it.hasNext() && newestFirst.size() < count) {
            newestFirst.add(it.next());
        }
        List<SubmittedPdu> result = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            result.add(newestFirst.get(i));
        }
        return result;
    }

    public void clear() {
        while (entries.pollFirst() != null) {
            size.decrementAndGet();
        }
    }
}
