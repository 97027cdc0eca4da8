package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmsDeliveryReport;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.events.v1.sms.SmscEvent;
import io.xsg.smsc.SmscSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The SMS side of the all-in-one: the embedded SMSC simulator and the connector bound to it, with the gateway's own
 * broker between the connector and its users. A submit request becomes an SMS on a simulated handset and its
 * receipt comes back; a reply typed into the simulator's REST API (as its web page does) comes back as an MO event.
 */
class SmsBridgeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theEmbeddedSmscTalksToTheConnectorBothWays() throws Exception {
        Gateway gateway = TestGateway.get();
        assertThat(gateway.smsc()).as("no SMSC configured, so the simulator runs").isNotNull();
        SmscSimulator smsc = gateway.smsc().getBean(SmscSimulator.class);
        assertThat(smsc.awaitBound(1, Duration.ofSeconds(20))).isTrue();
        String bootstrap = gateway.bootstrapServers();
        List<SmscEvent> events = new CopyOnWriteArrayList<>();
        Thread reader = readEvents(bootstrap, events);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            var request = new SmsSubmitRequest(UUID.randomUUID().toString(), "smsc-1", SmsSource.shortCode("123"),
                    "+14155553000", "Hello from the gateway €", null, true, Instant.now().plusSeconds(60),
                    Instant.now(), "stanza-1", "joe@a.test/laptop");
            String topic = Topics.defaults().smsSubmit("smsc-1");
            producer.send(new ProducerRecord<>(topic, request.destination(),
                    EventSerdes.smsSubmit().serialize(topic, request))).get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(e ->
                    e instanceof SmsDeliveryReport && e.handset().equals("+14155553000")));
            SmsSubmitResult result = events.stream().filter(SmsSubmitResult.class::isInstance)
                    .map(SmsSubmitResult.class::cast).filter(r -> r.submitId().equals(request.submitId()))
                    .findFirst().orElseThrow();
            assertThat(result.outcome()).isEqualTo(SmsSubmitResult.Outcome.ACCEPTED);
            assertThat(result.correlationId()).isEqualTo("stanza-1");
            assertThat(smsc.handsets().messages("+14155553000")).last()
                    .satisfies(m -> assertThat(m.text()).isEqualTo("Hello from the gateway €"));

            String base = "http://127.0.0.1:" + gateway.smsc().getEnvironment().getProperty("local.server.port");
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/api/mo"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"from\":\"+14155553000\",\"to\":\"123\",\"text\":\"LOGIN\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(e ->
                    e instanceof SmsMobileOriginated mo && mo.text().equals("LOGIN")
                            && mo.handset().equals("+14155553000") && mo.destination().equals("123")));

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<html");
        } finally {
            reader.interrupt();
        }
    }

    private static Thread readEvents(String bootstrap, List<SmscEvent> events) {
        Thread t = new Thread(() -> {
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "sms-bridge-it-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.defaults().smscEvents()));
                var serde = EventSerdes.smscEvent();
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> events.add(serde.deserialize(r.topic(), r.value())));
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // test over
            }
        }, "sms-bridge-it-events");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * XMPP → SMS for a number: a user who is neither subscriber nor content provider gets {@code forbidden} (never an
     * open relay); once provisioned as a provider, its message reaches the simulated handset as an SMS from the short
     * code, and the handset's delivery receipt comes back as XEP-0184 {@code <received/>} from the number's JID.
     */
    @Test
    void aProviderTextsANumberAndHearsItArrived() throws Exception {
        Gateway gateway = TestGateway.get();
        SmscSimulator smsc = gateway.smsc().getBean(SmscSimulator.class);
        assertThat(smsc.awaitBound(1, Duration.ofSeconds(20))).isTrue();
        String user = TestGateway.createAccount("icp");
        XMPPTCPConnection c = Clients.login(Clients.starttls(user, TestGateway.c2sPort()).build());
        String handset = "+14155553001";
        try {
            StanzaCollector fromHandset = c.createStanzaCollector(FromMatchesFilter.createBare(
                    JidCreate.from(handset + "@sms.a.test")));
            c.sendStanza(ClientEndpointIT.chat(handset + "@sms.a.test", "hello handset"));
            Message refused = fromHandset.nextResult(Clients.TIMEOUT.toMillis());
            assertThat(refused).as("an answer for the unprovisioned sender").isNotNull();
            assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);

            HttpResponse<String> enabled = http.send(HttpRequest.newBuilder(URI.create(
                            gateway.sessionServiceUrl() + "/admin/accounts/" + user + "/sms-sender"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);

            Message text = ClientEndpointIT.chat(handset + "@sms.a.test", "Your code is 4711 €");
            DeliveryReceiptRequest.addTo(text);
            c.sendStanza(text);
            await().atMost(Duration.ofSeconds(30)).until(() -> smsc.handsets().messages(handset).stream()
                    .anyMatch(m -> m.text().equals("Your code is 4711 €")));

            Message receipt = fromHandset.nextResult(Duration.ofSeconds(30).toMillis());
            assertThat(receipt).as("the handset's receipt as XEP-0184").isNotNull();
            DeliveryReceipt received = receipt.getExtension(DeliveryReceipt.class);
            assertThat(received).isNotNull();
            assertThat(received.getId()).isEqualTo(text.getStanzaId());
            assertThat(receipt.getTo().toString()).isEqualTo(user + "@a.test/laptop");
        } finally {
            c.disconnect();
        }
    }
}
