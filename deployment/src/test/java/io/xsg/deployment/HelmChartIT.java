package io.xsg.deployment;

import static io.xsg.deployment.Manifests.container;
import static io.xsg.deployment.Manifests.env;
import static io.xsg.deployment.Manifests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart, linted and rendered by Helm's own library (helm-java), for the default and the example values. */
class HelmChartIT {

    private static final Path CHART = Manifests.ROOT.resolve("helm/xmpp-sms-gateway");
    private static final Path EXAMPLES = Manifests.ROOT.resolve("helm/examples");

    private static Manifests render(Path valuesFile, String... sets) {
        var template = new Helm(CHART).template().withName("gw").withNamespace("xsg");
        if (valuesFile != null) {
            template.withValuesFile(valuesFile);
        }
        for (int i = 0; i + 1 < sets.length; i += 2) {
            template.set(sets[i], sets[i + 1]);
        }
        return new Manifests(template.call());
    }

    @Test
    void theChartLintsCleanly() {
        var result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
    }

    @Test
    void defaultsGiveStatefulEdgesBehindALoadBalancerAndAutoscaledRouting() {
        Manifests m = render(null);

        Map<String, Object> edge = m.named("StatefulSet", "gw-xmpp-edge");
        Map<String, Object> edgeId = env(container(edge), "EDGE_ID");
        assertThat((Object) get(edgeId, "valueFrom", "fieldRef", "fieldPath")).as("edge id = pod name")
                .isEqualTo("metadata.name");
        Map<String, Object> c2s = m.named("Service", "gw-xmpp-edge");
        assertThat((Object) get(c2s, "spec", "type")).isEqualTo("LoadBalancer");
        List<Map<String, Object>> ports = get(c2s, "spec", "ports");
        assertThat(ports).extracting(p -> p.get("port")).containsExactly(5222, 5223, 5269, 5270);
        Map<String, Object> dialback = env(container(edge), "GATEWAY_XMPP_S2S_DIALBACK_SECRET");
        assertThat((Object) get(dialback, "valueFrom", "secretKeyRef", "name"))
                .as("one dialback secret for every edge").isEqualTo("gateway-s2s-dialback");

        Map<String, Object> edgeHpa = m.named("HorizontalPodAutoscaler", "gw-xmpp-edge");
        assertThat(edgeHpa.get("apiVersion")).isEqualTo("autoscaling/v2");
        assertThat((Object) get(edgeHpa, "spec", "scaleTargetRef", "kind")).isEqualTo("StatefulSet");
        assertThat((Object) get(m.named("HorizontalPodAutoscaler", "gw-routing-service"), "spec", "scaleTargetRef", "kind"))
                .isEqualTo("Deployment");
        assertThat(m.ofKind("PodDisruptionBudget")).extracting(p -> get(p, "metadata", "name"))
                .containsExactlyInAnyOrder("gw-xmpp-edge", "gw-routing-service", "gw-session-service");
        assertThat((Object) get(m.named("Service", "gw-session-service"), "spec", "type")).isEqualTo("ClusterIP");
        assertThat(m.ofKind("Deployment")).extracting(d -> get(d, "metadata", "name"))
                .as("no SMSC link configured, no connector").containsExactlyInAnyOrder("gw-routing-service",
                        "gw-session-service");
    }

    @Test
    void everyWorkloadProbesItsHealthGroupsRunsUnprivilegedAndRollsOnConfigChange() {
        Manifests m = render(EXAMPLES.resolve("two-links.yaml"));
        var workloads = new java.util.ArrayList<>(m.ofKind("Deployment"));
        workloads.addAll(m.ofKind("StatefulSet"));
        assertThat(workloads).hasSize(5);
        for (Map<String, Object> w : workloads) {
            String name = get(w, "metadata", "name");
            Map<String, Object> c = container(w);
            assertThat((String) get(c, "readinessProbe", "httpGet", "path")).as(name)
                    .isEqualTo("/actuator/health/readiness");
            assertThat((String) get(c, "livenessProbe", "httpGet", "path")).as(name)
                    .isEqualTo("/actuator/health/liveness");
            assertThat((Object) get(c, "startupProbe")).as(name).isNotNull();
            assertThat((Boolean) get(w, "spec", "template", "spec", "securityContext", "runAsNonRoot")).as(name)
                    .isTrue();
            assertThat((Boolean) get(c, "securityContext", "readOnlyRootFilesystem")).as(name).isTrue();
            assertThat((String) get(w, "spec", "template", "metadata", "annotations", "checksum/config")).as(name)
                    .hasSize(64);
            assertThat((Integer) get(w, "spec", "template", "spec", "terminationGracePeriodSeconds")).as(name)
                    .isGreaterThanOrEqualTo(30);
            assertThat(env(c, "LOGGING_STRUCTURED_FORMAT_CONSOLE")).as(name + " JSON logs").containsEntry("value",
                    "ecs");
        }
        // a configuration change changes the checksum, so the pods roll
        String before = get(m.named("Deployment", "gw-session-service"), "spec", "template", "metadata",
                "annotations", "checksum/config");
        String after = get(render(EXAMPLES.resolve("two-links.yaml"), "database.url",
                "jdbc:postgresql://elsewhere:5432/gateway").named("Deployment", "gw-session-service"), "spec",
                "template", "metadata", "annotations", "checksum/config");
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void oneConnectorPerSmscLinkWithItsPasswordFromASecret() {
        Manifests m = render(EXAMPLES.resolve("two-links.yaml"));
        Map<String, Object> north = m.named("Deployment", "gw-smpp-smsc-north");
        Map<String, Object> south = m.named("Deployment", "gw-smpp-smsc-south");
        for (Map<String, Object> link : List.of(north, south)) {
            assertThat((Integer) get(link, "spec", "replicas")).isEqualTo(1);
            assertThat((String) get(link, "spec", "strategy", "type")).as("never two binds during a rollout")
                    .isEqualTo("Recreate");
            Map<String, Object> password = env(container(link), "GATEWAY_SMSC_LINKS_0_PASSWORD");
            assertThat(password).doesNotContainKey("value");
            assertThat((Object) get(password, "valueFrom", "secretKeyRef", "name")).isNotNull();
        }
        Map<String, Object> n = container(north);
        assertThat(env(n, "GATEWAY_SMSC_LINKS_0_ID")).containsEntry("value", "smsc-north");
        assertThat(env(n, "GATEWAY_SMSC_LINKS_0_HOST")).containsEntry("value", "smsc-north.carrier.example");
        assertThat(env(n, "GATEWAY_SMSC_LINKS_0_WINDOW")).containsEntry("value", "50");
        assertThat(env(n, "GATEWAY_SMSC_LINKS_0_CONCATENATION")).containsEntry("value", "UDH16");
        assertThat(env(n, "GATEWAY_SMSC_LINKS_0_SUBMITIDFORMAT")).containsEntry("value", "HEX");
        assertThat(env(container(south), "GATEWAY_SMSC_LINKS_0_BINDMODE")).containsEntry("value",
                "TRANSMITTER_RECEIVER");
        assertThat(env(container(south), "GATEWAY_SMSC_LINKS_0_PORT")).containsEntry("value", "2775");
        assertThat((String) get(north, "spec", "template", "metadata", "annotations", "checksum/link"))
                .isNotEqualTo(get(south, "spec", "template", "metadata", "annotations", "checksum/link"));
        assertThat(m.ofKind("PodDisruptionBudget")).as("a single bind gets no PDB that would block node drains")
                .noneMatch(p -> ((String) get(p, "metadata", "name")).contains("smpp"));

        // the operator's certificate replaces the generated one
        Map<String, Object> edge = m.named("StatefulSet", "gw-xmpp-edge");
        List<Map<String, Object>> volumes = get(edge, "spec", "template", "spec", "volumes");
        assertThat(volumes).anySatisfy(v -> assertThat((Object) get(v, "secret", "secretName"))
                .isEqualTo("xmpp-operator-example-tls"));
        String config = get(m.named("ConfigMap", "gw-config"), "data", "xmpp-edge.yml");
        assertThat(config).contains("certificate: /app/tls/tls.crt");
        assertThat(container(edge).get("image")).isEqualTo("registry.operator.example/xsg/xmpp-edge:0.1.0");
    }

    @Test
    void noSecretValueIsEverRenderedIntoAManifest() {
        Manifests m = render(EXAMPLES.resolve("two-links.yaml"));
        assertThat(m.ofKind("Secret")).as("the chart references Secrets, it does not carry them").isEmpty();
        for (String name : List.of("DATABASE_PASSWORD", "GATEWAY_SESSION_API_TOKEN")) {
            assertThat(env(container(m.named("Deployment", "gw-session-service")), name)).containsKey("valueFrom")
                    .doesNotContainKey("value");
        }
        assertThat(env(container(m.named("StatefulSet", "gw-xmpp-edge")), "GATEWAY_XMPP_AUTH_API_TOKEN"))
                .containsKey("valueFrom");
    }

    @Test
    void aTrialRunsTheSimulatorWithoutAutoscaling() {
        Manifests m = render(EXAMPLES.resolve("trial.yaml"));
        assertThat(m.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat((Integer) get(m.named("StatefulSet", "gw-xmpp-edge"), "spec", "replicas")).isEqualTo(1);
        assertThat((Object) get(m.named("Service", "gw-xmpp-edge"), "spec", "type")).isEqualTo("NodePort");
        m.named("Deployment", "gw-smsc-simulator");
        m.named("Service", "gw-smsc-simulator");
        m.named("Deployment", "gw-smpp-smsc-1");
    }

    @Test
    void withoutFederationTheEdgesNeitherListenForServersNorNeedTheDialbackSecret() {
        Manifests m = render(null, "federation.enabled", "false");
        Map<String, Object> edge = m.named("StatefulSet", "gw-xmpp-edge");
        List<Map<String, Object>> ports = get(m.named("Service", "gw-xmpp-edge"), "spec", "ports");
        assertThat(ports).extracting(p -> p.get("port")).containsExactly(5222, 5223);
        assertThat((Object) get(env(container(edge), "GATEWAY_XMPP_S2S_ENABLED"), "value")).isEqualTo("false");
        assertThat(env(container(edge), "GATEWAY_XMPP_S2S_DIALBACK_SECRET")).isNull();
    }

    @Test
    void aLinkWithoutItsHostIsRefusedAtRenderTime() {
        assertThatThrownBy(() -> render(null, "smscLinks[0].id", "broken", "smscLinks[0].systemId", "x",
                "smscLinks[0].passwordSecret.name", "s"))
                .hasMessageContaining("smscLinks broken needs a host");
    }
}
