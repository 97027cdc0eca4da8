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
 * @param partitions         partitions of the stanza, directory and delivery topics
 * @param replicationFactor  replication of every topic (1 for a single embedded broker, 3 in production)
 */
public record Topics(String stanzas, String sessionDirectory, String edgeHeartbeats, String edgeDeliveryPrefix,
                     Integer partitions, Short replicationFactor) {

    public static final String DEFAULT_STANZAS = "xmpp.stanzas";
    public static final String DEFAULT_SESSION_DIRECTORY = "xmpp.session-directory";
    public static final String DEFAULT_EDGE_HEARTBEATS = "xmpp.edge-heartbeats";
    public static final String DEFAULT_EDGE_DELIVERY_PREFIX = "xmpp.deliver.";
    public static final int DEFAULT_PARTITIONS = 12;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;

    /** Deliveries are only useful while the target stream lives; a day covers any operator's investigation. */
    private static final String DELIVERY_RETENTION_MS = Long.toString(24L * 3600 * 1000);

    public Topics {
        stanzas = orDefault(stanzas, DEFAULT_STANZAS);
        sessionDirectory = orDefault(sessionDirectory, DEFAULT_SESSION_DIRECTORY);
        edgeHeartbeats = orDefault(edgeHeartbeats, DEFAULT_EDGE_HEARTBEATS);
        edgeDeliveryPrefix = orDefault(edgeDeliveryPrefix, DEFAULT_EDGE_DELIVERY_PREFIX);
        partitions = partitions == null ? DEFAULT_PARTITIONS : partitions;
        replicationFactor = replicationFactor == null ? DEFAULT_REPLICATION_FACTOR : replicationFactor;
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication-factor must be at least 1");
        }
    }

    public static Topics defaults() {
        return new Topics(null, null, null, null, null, null);
    }

    public String edgeDelivery(String edgeId) {
        return edgeDeliveryPrefix + edgeId;
    }

    /** The shared topics, for a service to declare (creating an existing topic is a no-op). */
    public List<NewTopic> sharedTopics() {
        var compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<NewTopic> list = new ArrayList<>();
        list.add(new NewTopic(stanzas, partitions, replicationFactor));
        list.add(new NewTopic(sessionDirectory, partitions, replicationFactor).configs(compacted));
        list.add(new NewTopic(edgeHeartbeats, 1, replicationFactor).configs(compacted));
        return list;
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
