package io.xsg.edge.s2s;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a remote domain's server listens (RFC 6120 §3.2, XEP-0368): a static override first
 * ({@code gateway.xmpp.s2s.hosts}), else the DNS SRV records {@code _xmpps-server._tcp} (Direct TLS) and
 * {@code _xmpp-server._tcp} (STARTTLS) merged by priority and weight, else the domain itself on 5269 (its A/AAAA
 * records, resolved when connecting). SRV look-ups use Netty's DNS resolver, which reads the system's resolver
 * configuration; a look-up that fails or times out counts as "no SRV records".
 */
final class RemoteEndpoints implements AutoCloseable {

    static final int DEFAULT_PORT = 5269;

    /** One place to try. */
    record Endpoint(String host, int port, boolean directTls) {
        @Override
        public String toString() {
            return host + ":" + port + (directTls ? " (Direct TLS)" : "");
        }
    }

    private final Map<String, String> hosts;
    private final DnsNameResolver dns;
    /** Resolves hosts to addresses for connecting without blocking an event loop (the JDK's lookup would). */
    private final io.netty.resolver.dns.DnsAddressResolverGroup addresses;

    RemoteEndpoints(Map<String, String> hosts, EventLoopGroup group, Duration queryTimeout) {
        this.hosts = hosts;
        this.dns = new DnsNameResolverBuilder(group.next())
                .datagramChannelType(NioDatagramChannel.class)
                .queryTimeoutMillis(queryTimeout.toMillis())
                .maxQueriesPerResolve(4)
                .build();
        this.addresses = new io.netty.resolver.dns.DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(NioDatagramChannel.class)
                .queryTimeoutMillis(queryTimeout.toMillis())
                .maxQueriesPerResolve(4));
    }

    /** For the connecting bootstrap: A/AAAA (and /etc/hosts) asynchronously. */
    io.netty.resolver.AddressResolverGroup<java.net.InetSocketAddress> addressResolver() {
        return addresses;
    }

    /** The endpoints to try in order; never empty. */
    CompletableFuture<List<Endpoint>> resolve(String domain) {
        String configured = staticHost(domain);
        if (configured != null) {
            return CompletableFuture.completedFuture(List.of(parse(configured)));
        }
        CompletableFuture<List<Srv>> directTls = srv("_xmpps-server._tcp." + domain + ".", true);
        CompletableFuture<List<Srv>> startTls = srv("_xmpp-server._tcp." + domain + ".", false);
        return directTls.thenCombine(startTls, (a, b) -> {
            List<Srv> all = new ArrayList<>(a);
            all.addAll(b);
            // RFC 2782: "." as the only target means the service is decidedly not available
            if (all.size() == 1 && all.get(0).target().equals(".")) {
                return List.<Endpoint>of();
            }
            if (all.isEmpty()) {
                return List.of(new Endpoint(domain, DEFAULT_PORT, false));
            }
            return order(all);
        });
    }

    private String staticHost(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        for (var e : hosts.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** {@code host:port}, {@code host} (5269), or {@code tls://host:port} for Direct TLS. */
    static Endpoint parse(String value) {
        boolean directTls = value.startsWith("tls://");
        String rest = directTls ? value.substring(6) : value;
        int colon = rest.lastIndexOf(':');
        if (colon < 0 || rest.endsWith("]")) {
            return new Endpoint(rest, DEFAULT_PORT, directTls);
        }
        return new Endpoint(rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)), directTls);
    }

    private record Srv(int priority, int weight, int port, String target, boolean directTls) {
    }

    private CompletableFuture<List<Srv>> srv(String name, boolean directTls) {
        var result = new CompletableFuture<List<Srv>>();
        dns.resolveAll(new DefaultDnsQuestion(name, DnsRecordType.SRV)).addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(List.of());
                return;
            }
            @SuppressWarnings("unchecked")
            List<DnsRecord> records = (List<DnsRecord>) f.getNow();
            List<Srv> out = new ArrayList<>();
            try {
                for (DnsRecord r : records) {
                    if (r instanceof DnsRawRecord raw && r.type() == DnsRecordType.SRV) {
                        ByteBuf content = raw.content().duplicate();
                        int priority = content.readUnsignedShort();
                        int weight = content.readUnsignedShort();
                        int port = content.readUnsignedShort();
                        String target = DefaultDnsRecordDecoder.decodeName(content);
                        if (target.endsWith(".") && target.length() > 1) {
                            target = target.substring(0, target.length() - 1);
                        }
                        out.add(new Srv(priority, weight, port, target, directTls));
                    }
                }
            } finally {
                records.forEach(ReferenceCountUtil::release);
            }
            result.complete(out);
        });
        return result;
    }

    /** RFC 2782: by priority; within one, a weighted random order. */
    private static List<Endpoint> order(List<Srv> records) {
        List<Srv> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(Srv::priority));
        List<Endpoint> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int priority = sorted.get(i).priority();
            List<Srv> group = new ArrayList<>();
            while (i < sorted.size() && sorted.get(i).priority() == priority) {
                group.add(sorted.get(i++));
            }
            while (!group.isEmpty()) {
                int total = group.stream().mapToInt(s -> s.weight() + 1).sum();
                int pick = ThreadLocalRandom.current().nextInt(total);
                for (int j = 0; j < group.size(); j++) {
                    pick -= group.get(j).weight() + 1;
                    if (pick < 0) {
                        Srv s = group.remove(j);
                        out.add(new Endpoint(s.target(), s.port(), s.directTls()));
                        break;
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        dns.close();
        addresses.close();
    }
}
