package org.tongban.kiosk.transport;

import java.net.URI;
import java.util.Locale;

/** Plain HTTP only to this machine: anywhere else, someone on the path could read and rewrite the traffic. */
public final class Endpoints {

    private Endpoints() {
    }

    /** Whether the URL names this machine by a loopback literal or {@code localhost} (no DNS is asked). */
    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}") || host.equals("[::1]")
                || host.equals("::1");
    }

    /** What is wrong with speaking to this URL, or null: it must be https, or http to loopback. */
    public static String problem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "'" + uri + "' is not an http(s) URL with a host";
        }
        if (scheme.equals("http") && !isLoopback(uri)) {
            return "'" + uri + "' is plain http to another machine: use https (plain http only to 127.0.0.1)";
        }
        return null;
    }

    /** @throws IllegalArgumentException with {@link #problem} */
    public static URI require(URI uri) {
        String problem = problem(uri);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return uri;
    }

    /** Same scheme, host and port: a redirect may go there and nowhere else. */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
