package org.tongban.fleet.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The address of whoever made a request, as the audit log records it. Behind a load balancer the socket's peer is
 * the balancer, which names the client in {@code X-Forwarded-For}; anyone else can write that header too, so it is
 * read only when the peer is one of the configured trusted proxies ({@code ./fleet serve --trusted-proxy}). Then
 * the list is read from its end (the entry the nearest proxy appended) back past every trusted proxy: the first
 * address that is not one is the client. No trusted proxy, an untrusted peer, or a header that is not a list of
 * IP addresses: the socket's peer.
 */
public final class ClientAddress {

    /** IPv4 or IPv6 literals only: a name would mean a DNS lookup, and is never what a proxy writes. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<InetAddress> trusted;

    /** @param trustedProxies IP addresses (literals) of the proxies in front of this server */
    public ClientAddress(List<String> trustedProxies) {
        Set<InetAddress> t = new HashSet<>();
        for (String p : trustedProxies) {
            t.add(parse(p.strip()).orElseThrow(() -> new IllegalArgumentException("--trusted-proxy " + p + " is not an IP address")));
        }
        this.trusted = Set.copyOf(t);
    }

    /**
     * @param peer          the socket's remote address
     * @param forwardedFors the values of every {@code X-Forwarded-For} header, in order (none: empty)
     */
    public String of(String peer, List<String> forwardedFors) {
        if (trusted.isEmpty() || forwardedFors.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFors) {
            Arrays.stream(header.split(",")).map(String::strip).forEach(hops::add);
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            var hop = parse(hops.get(i));
            if (hop.isEmpty()) {
                return peer; // not a list of addresses: nothing in it can be believed
            }
            client = hop.get().getHostAddress();
            if (!trusted.contains(hop.get())) {
                return client;
            }
        }
        return client; // every hop a trusted proxy: the farthest one
    }

    private boolean isTrusted(String address) {
        return parse(address).map(trusted::contains).orElse(false);
    }

    private static java.util.Optional<InetAddress> parse(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!LITERAL.matcher(t).matches() || !(t.indexOf(':') >= 0 || t.chars().filter(c -> c == '.').count() == 3)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(t)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
