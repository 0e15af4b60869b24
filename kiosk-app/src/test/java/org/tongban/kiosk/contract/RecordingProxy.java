package org.tongban.kiosk.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP proxy that passes every request to the platform unchanged (so signatures still verify)
 * and keeps a copy of each request and answer for the contract test. It sits between a real client and a
 * real platform, so neither needs a hook for being watched.
 */
final class RecordingProxy implements AutoCloseable {

    /** One request and the answer it got, as they crossed the wire. */
    record Exchange(String method, String rawPathAndQuery, Map<String, List<String>> requestHeaders, byte[] requestBody,
                    int status, Map<String, List<String>> answerHeaders, byte[] answerBody) {
    }

    // The JDK's HTTP client sets these itself and refuses them from a caller.
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    /** @param target the platform's base URL, e.g. the simulator's */
    RecordingProxy(URI target) throws IOException {
        String base = target.toString();
        this.target = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::forward);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void forward(HttpExchange in) throws IOException {
        try (in) {
            byte[] body;
            try (InputStream stream = in.getRequestBody()) {
                body = stream.readAllBytes();
            }
            String pathAndQuery = in.getRequestURI().getRawPath()
                    + (in.getRequestURI().getRawQuery() == null ? "" : "?" + in.getRequestURI().getRawQuery());
            HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                    .timeout(Duration.ofSeconds(10))
                    .method(in.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            in.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(value -> out.header(name, value));
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.equalsIgnoreCase("date")) {
                    in.getResponseHeaders().put(name, values);
                }
            });
            exchanges.add(new Exchange(in.getRequestMethod(), pathAndQuery, Map.copyOf(in.getRequestHeaders()), body,
                    answer.statusCode(), answer.headers().map(), answer.body()));
            in.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream stream = in.getResponseBody()) {
                stream.write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
