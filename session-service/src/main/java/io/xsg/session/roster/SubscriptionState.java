package io.xsg.session.roster;

/**
 * One of the nine subscription states of RFC 6121 Appendix A, and its transitions. Outbound transitions are what the
 * owner's server does when the owner sends a subscription stanza; inbound ones what it does when the contact's
 * arrives. A transition that returns {@code this} is "no state change" in the RFC's tables, which decides whether
 * the stanza is routed or delivered at all.
 *
 * @param subscription to, from, both or none
 * @param pendingOut   the owner asked to see the contact's presence and awaits an answer ({@code ask='subscribe'})
 * @param pendingIn    the contact asked to see the owner's presence and awaits the owner's answer
 */
public record SubscriptionState(Subscription subscription, boolean pendingOut, boolean pendingIn) {

    public static final SubscriptionState NONE = new SubscriptionState(Subscription.NONE, false, false);

    public SubscriptionState {
        if (pendingOut && subscription.to()) {
            throw new IllegalArgumentException("pending out while already subscribed to the contact");
        }
        if (pendingIn && subscription.from()) {
            throw new IllegalArgumentException("pending in while the contact is already subscribed");
        }
    }

    private SubscriptionState with(boolean to, boolean from, boolean out, boolean in) {
        var next = new SubscriptionState(Subscription.of(to, from), out, in);
        return next.equals(this) ? this : next;
    }

    private boolean to() {
        return subscription.to();
    }

    private boolean from() {
        return subscription.from();
    }

    /** A.2.1: the owner asks for the contact's presence. */
    public SubscriptionState outboundSubscribe() {
        return to() ? this : with(false, from(), true, pendingIn);
    }

    /** A.2.2: the owner no longer wants the contact's presence. */
    public SubscriptionState outboundUnsubscribe() {
        return with(false, from(), false, pendingIn);
    }

    /** A.2.3: the owner approves the contact's request; no change (a pre-approval) when none is pending. */
    public SubscriptionState outboundSubscribed() {
        return pendingIn ? with(to(), true, pendingOut, false) : this;
    }

    /** A.2.4: the owner refuses or cancels the contact's subscription. */
    public SubscriptionState outboundUnsubscribed() {
        return with(to(), false, pendingOut, false);
    }

    /** A.3.1: the contact asks for the owner's presence; no change if it already has it or already asked. */
    public SubscriptionState inboundSubscribe() {
        return from() ? this : with(to(), false, pendingOut, true);
    }

    /** A.3.2: the contact no longer wants the owner's presence. */
    public SubscriptionState inboundUnsubscribe() {
        return with(to(), false, pendingOut, false);
    }

    /** A.3.3: the contact approved the owner's request; ignored unless one is pending. */
    public SubscriptionState inboundSubscribed() {
        return pendingOut ? with(true, from(), false, pendingIn) : this;
    }

    /** A.3.4: the contact refused or cancelled the owner's subscription. */
    public SubscriptionState inboundUnsubscribed() {
        return with(false, from(), false, pendingIn);
    }

    /** Nothing left to remember: a row kept only for a pending request can go. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
