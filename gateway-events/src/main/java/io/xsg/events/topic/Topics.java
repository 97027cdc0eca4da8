package io.xsg.events.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The gateway's Kafka topics: names, partitions and replication. Services bind it from
 * {@code gateway.kafka.topics.*}; any value left unset takes the default constant below, so an empty
 * configuration is a working one.
 *
 * @param stanzas            inbound stanzas from every edge, keyed by recipient bare JID
 * @param sessionDirectory   compacted; bound sessions keyed by session id
 * @param edgeHeartbeats     compacted; edge liveness keyed by edge id
 * @param edgeDeliveryPrefix prefix of each edge's own delivery topic ({@code prefix + edgeId})
 * @param smsSubmitPrefix    prefix of each SMSC link's submit topic ({@code prefix + linkId}), keyed by handset
 * @param smscEvents         submit results, delivery reports and MO SMS from every link, keyed by handset
 * @param smsMoPartsPrefix   prefix of each link's own topic of MO parts awaiting reassembly
 * @param accountStanzas     stanzas that an account's state in the session service must handle (presence, roster,
 *                           offline storage), keyed by that account's bare JID
 * @param smscLinkStatus     compacted; each SMSC link's last reported state, keyed by link id
 * @param s2sOut             stanzas for other domains (federation), keyed by the remote domain: the edges share its
 *                           partitions in one consumer group, so one edge at a time owns the stream to a domain
 * @param partitions         partitions of the stanza, directory and delivery topics
 * @param replicationFactor  replication of every topic (1 for a single embedded broker, 3 in production)
 */
public record Topics(String stanzas, String sessionDirectory, String edgeHeartbeats, String edgeDeliveryPrefix,
                     String smsSubmitPrefix, String smscEvents, String smsMoPartsPrefix,
                     String accountStanzas, String smscLinkStatus, String s2sOut, Integer partitions,
                     Short replicationFactor) {

    public static final String DEFAULT_STANZAS = "xmpp.stanzas";
    public static final String DEFAULT_SESSION_DIRECTORY = "xmpp.session-directory";
    public static final String DEFAULT_EDGE_HEARTBEATS = "xmpp.edge-heartbeats";
    public static final String DEFAULT_EDGE_DELIVERY_PREFIX = "xmpp.deliver.";
    public static final String DEFAULT_SMS_SUBMIT_PREFIX = "sms.submit.";
    public static final String DEFAULT_SMSC_EVENTS = "sms.smsc-events";
    public static final String DEFAULT_SMS_MO_PARTS_PREFIX = "sms.mo-parts.";
    public static final String DEFAULT_ACCOUNT_STANZAS = "xmpp.account-stanzas";
    public static final String DEFAULT_SMSC_LINK_STATUS = "sms.link-status";
    public static final String DEFAULT_S2S_OUT = "xmpp.s2s.out";
    public static final int DEFAULT_PARTITIONS = 12;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;

    /** Deliveries are only useful while the target stream lives; a day covers any operator's investigation. */
    private static final String DELIVERY_RETENTION_MS = Long.toString(24L * 3600 * 1000);
    private static final String DEAD_LETTER_RETENTION_MS = Long.toString(30L * 24 * 3600 * 1000);
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    public Topics {
        stanzas = orDefault(stanzas, DEFAULT_STANZAS);
        sessionDirectory = orDefault(sessionDirectory, DEFAULT_SESSION_DIRECTORY);
        edgeHeartbeats = orDefault(edgeHeartbeats, DEFAULT_EDGE_HEARTBEATS);
        edgeDeliveryPrefix = orDefault(edgeDeliveryPrefix, DEFAULT_EDGE_DELIVERY_PREFIX);
        smsSubmitPrefix = orDefault(smsSubmitPrefix, DEFAULT_SMS_SUBMIT_PREFIX);
        smscEvents = orDefault(smscEvents, DEFAULT_SMSC_EVENTS);
        smsMoPartsPrefix = orDefault(smsMoPartsPrefix, DEFAULT_SMS_MO_PARTS_PREFIX);
        accountStanzas = orDefault(accountStanzas, DEFAULT_ACCOUNT_STANZAS);
        smscLinkStatus = orDefault(smscLinkStatus, DEFAULT_SMSC_LINK_STATUS);
        s2sOut = orDefault(s2sOut, DEFAULT_S2S_OUT);
        partitions = partitions == null ? DEFAULT_PARTITIONS : partitions;
        replicationFactor = replicationFactor == null ? DEFAULT_REPLICATION_FACTOR : replicationFactor;
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication-factor must be at least 1");
        }
    }

    public static Topics defaults() {
        return new Topics(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Where a consumer puts what it cannot handle: {@code <topic>-dlt}, Spring Kafka's naming. */
    public static String deadLetters(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** A dead-letter topic: one partition, kept for 30 days for an operator to look at and replay. */
    public NewTopic deadLetterTopic(String topic) {
        return new NewTopic(deadLetters(topic), 1, replicationFactor)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, DEAD_LETTER_RETENTION_MS));
    }

    public String edgeDelivery(String edgeId) {
        return edgeDeliveryPrefix + edgeId;
    }

    /** The shared topics, for a service to declare (creating an existing topic is a no-op). */
    public List<NewTopic> sharedTopics() {
        var compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<NewTopic> list = new ArrayList<>();
        list.add(new NewTopic(stanzas, partitions, replicationFactor));
        list.add(new NewTopic(accountStanzas, partitions, replicationFactor));
        list.add(new NewTopic(sessionDirectory, partitions, replicationFactor).configs(compacted));
        list.add(new NewTopic(edgeHeartbeats, 1, replicationFactor).configs(compacted));
        list.add(deadLetterTopic(stanzas));
        list.add(deadLetterTopic(accountStanzas));
        list.add(new NewTopic(s2sOut, partitions, replicationFactor));
        list.add(deadLetterTopic(s2sOut));
        return list;
    }

    public String smsSubmit(String linkId) {
        return smsSubmitPrefix + linkId;
    }

    public String smsMoParts(String linkId) {
        return smsMoPartsPrefix + linkId;
    }

    /**
     * The topics one SMSC link uses: its submit topic, its MO parts topic, the shared SMSC event and link status topics. MO parts
     * wait at most minutes for their siblings; a week's retention outlives any outage worth surviving.
     */
    public List<NewTopic> smsLinkTopics(String linkId) {
        return List.of(new NewTopic(smsSubmit(linkId), partitions, replicationFactor),
                new NewTopic(smsMoParts(linkId), partitions, replicationFactor),
                new NewTopic(smscEvents, partitions, replicationFactor), smscLinkStatusTopic(),
                deadLetterTopic(smsSubmit(linkId)), deadLetterTopic(smsMoParts(linkId)));
    }

    /** Where connectors report their links' state, and the session service's console reads it. */
    public List<NewTopic> smsStatusTopics() {
        return List.of(new NewTopic(smscEvents, partitions, replicationFactor), smscLinkStatusTopic());
    }

    private NewTopic smscLinkStatusTopic() {
        return new NewTopic(smscLinkStatus, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** One edge's delivery topic. */
    public NewTopic edgeDeliveryTopic(String edgeId) {
        return new NewTopic(edgeDelivery(edgeId), partitions, replicationFactor)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, DELIVERY_RETENTION_MS));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
