package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.smsc.SmscSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator's console in a real browser: Debian's headless Chromium, driven through its chromedriver (nothing is
 * downloaded). The page must show who is online, the simulator's link bound, an SMS submitted and delivered, and a
 * mobile-originated one, all from what the services really published.
 */
class ConsoleIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver",
            "/usr/bin/chromedriver"));

    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the console test needs Debian's chromium and chromium-driver (apt install chromium "
                        + "chromium-driver; .ci/run installs them), or -Dconsole.chromium= and -Dconsole.chromedriver=")
                .isTrue();
        TestGateway.get();
        profile = Files.createTempDirectory("console-it-chromium");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        TempDirs.delete(profile);
    }

    private static WebDriverWait waiting() {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class); // the page redraws its tables every two seconds
        return wait;
    }

    /** Waits for a row of the table that mentions {@code key} and {@code also}; returns its text. */
    private static String row(String tableId, String key, String also) {
        return waiting().until(d -> {
            for (WebElement r : d.findElements(By.xpath("//table[@id='" + tableId + "']/tbody/tr[td[contains(., '"
                    + key + "')]]"))) {
                String text = r.getText();
                if (text.contains(also)) {
                    return text;
                }
            }
            return null;
        });
    }

    @Test
    void showsSessionsLinksAndSmsAsTheyHappen() throws Exception {
        Gateway gateway = TestGateway.get();
        String user = TestGateway.createAccount("oper");
        XMPPTCPConnection c = Clients.login(user, "desk");
        try {
            browser.get(gateway.sessionServiceUrl() + "/console");
            assertThat(browser.getCurrentUrl()).endsWith("/console/index.html");

            assertThat(row("sessions", user + "@a.test/desk", "online")).contains("edge-");
            assertThat(gateway.smsc().getBean(SmscSimulator.class).awaitBound(1, Duration.ofSeconds(20))).isTrue();
            assertThat(row("links", "smsc-1", "BOUND")).contains("/ ");
            assertThat(browser.findElement(By.id("accounts")).getText()).contains(user + "@a.test");

            String handset = "+14155553" + String.format("%03d", (int) (Math.random() * 1000));
            submit(gateway, handset, "console check");
            assertThat(row("sms", handset, "DELIVERED")).contains("MT").contains("smsc-1");

            String base = "http://127.0.0.1:" + gateway.smsc().getEnvironment().getProperty("local.server.port");
            HttpResponse<String> mo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                    + "/api/mo")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                    .ofString("{\"from\":\"" + handset + "\",\"to\":\"123\",\"text\":\"HELLO\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(mo.statusCode()).as(mo.body()).isEqualTo(202);
            assertThat(row("sms", handset, "MO")).contains("RECEIVED").contains("to 123").doesNotContain("HELLO");

            // a handset subscriber and the party behind its first virtual number
            String joe = TestGateway.createAccount("joe");
            String phone = "+14155554" + String.format("%03d", (int) (Math.random() * 1000));
            HttpResponse<String> added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    gateway.sessionServiceUrl() + "/admin/subscribers")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + joe + "\",\"msisdn\":\""
                            + phone + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            HttpResponse<String> first = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                    + "/api/mo")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                    .ofString("{\"from\":\"" + phone + "\",\"to\":\"123\",\"text\":\"@" + user
                            + "@a.test hi\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(row("subscribers", phone, "X000000001 = " + user + "@a.test")).contains(joe + "@a.test")
                    .contains("offline");
        } finally {
            c.disconnect();
        }
        // and the page follows a logout
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(
                "//table[@id='sessions']/tbody/tr[td[contains(., '" + user + "@a.test/desk')]]")));
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("updated");
    }

    private static void submit(Gateway gateway, String handset, String text) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                gateway.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            var request = new SmsSubmitRequest(UUID.randomUUID().toString(), "smsc-1", SmsSource.shortCode("123"),
                    handset, text, null, true, Instant.now().plusSeconds(60), Instant.now(), "console-it",
                    "oper@a.test/desk");
            String topic = Topics.defaults().smsSubmit("smsc-1");
            producer.send(new ProducerRecord<>(topic, handset, EventSerdes.smsSubmit().serialize(topic, request)))
                    .get(10, TimeUnit.SECONDS);
        }
    }
}
