package io.xsg.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Rendered Kubernetes manifests, read as plain maps, with the lookups the chart tests need. */
final class Manifests {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    private final List<Map<String, Object>> documents = new ArrayList<>();

    Manifests(String yaml) {
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(yaml)) {
            if (doc instanceof Map<?, ?> m && !m.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) m;
                documents.add(typed);
            }
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    Map<String, Object> named(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(get(d, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
    }

    List<String> names() {
        return documents.stream().map(d -> d.get("kind") + "/" + get(d, "metadata", "name")).toList();
    }

    /** A nested value by keys (map keys) and indexes (list positions); null when absent. */
    @SuppressWarnings("unchecked")
    static <T> T get(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (current instanceof Map<?, ?> m) {
                current = m.get(step);
            } else if (current instanceof List<?> l && step instanceof Integer i) {
                current = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return (T) current;
    }

    /** The first container of a workload. */
    static Map<String, Object> container(Map<String, Object> workload) {
        return Objects.requireNonNull(get(workload, "spec", "template", "spec", "containers", 0));
    }

    /** The container's environment variable named {@code name}, or null. */
    static Map<String, Object> env(Map<String, Object> container, String name) {
        List<Map<String, Object>> env = get(container, "env");
        return env == null ? null : env.stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(null);
    }
}
