package org.tongban.kiosk.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The network between the kiosk and the fleet server, played by a test: it passes exchanges through, loses the
 * answer after the server acted on the request, or changes the answer's body on the way (keeping the server's
 * signature headers: a forger without the secret).
 */
final class WireBetween implements AutoCloseable {

    enum Mode { PASS, LOSE_ANSWER, FORGE_ANSWER }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI target;
    private volatile Mode mode = Mode.PASS;
    private volatile UnaryOperator<String> forgery = s -> s;
    private volatile String lastRequest;
    private final java.util.List<Exchange> exchanges = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One exchange as it crossed the wire (the answer as the server gave it). */
    record Exchange(String path, java.util.Map<String, String> requestHeaders, String request, int status,
                    String contentType, String answer) {
    }

    WireBetween(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::relay);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void mode(Mode m) {
        mode = m;
    }

    void forge(UnaryOperator<String> change) {
        forgery = change;
        mode = Mode.FORGE_ANSWER;
    }

    /** The body of the last request that went through, as the server received it. */
    String lastRequest() {
        return lastRequest;
    }

    /** Every exchange that went through, in order. */
    java.util.List<Exchange> exchanges() {
        return java.util.List.copyOf(exchanges);
    }

    private void relay(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        lastRequest = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().getRawPath()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!Set.of("host", "content-length", "connection").contains(name.toLowerCase())) {
                values.forEach(v -> b.header(name, v));
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        exchanges.add(new Exchange(ex.getRequestURI().getRawPath(), headers, lastRequest, answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse(""),
                new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)));
        Mode m = mode;
        if (m == Mode.LOSE_ANSWER) {
            ex.sendResponseHeaders(502, -1);
            ex.close();
            return;
        }
        byte[] out = answer.body();
        if (m == Mode.FORGE_ANSWER) {
            out = forgery.apply(new String(out, java.nio.charset.StandardCharsets.UTF_8))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        answer.headers().map().forEach((name, values) -> {
            if (name.toLowerCase().startsWith("x-") || name.equalsIgnoreCase("content-type")) {
                values.forEach(v -> ex.getResponseHeaders().add(name, v));
            }
        });
        ex.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
