package org.tongban.kiosk.update;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A static file server on loopback for a channel folder, as a CDN serves it: GET with single-range
 * {@code Range: bytes=N-} support (206). It can cut one download of a file after some bytes, as a dropped
 * connection does, and records the Range header of every request.
 */
final class ChannelServer implements AutoCloseable {

    private final Path dir;
    private final HttpServer server;
    private final Map<String, Long> cutAfter = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    ChannelServer(Path dir) throws IOException {
        this.dir = dir;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", this::serve);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/channel/");
    }

    /** The next download of {@code name} stops after this many bytes (the connection drops). */
    void cutNextDownload(String name, long bytes) {
        cutAfter.put(name, bytes);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String name = ex.getRequestURI().getPath().replaceFirst("^/channel/", "");
            String range = ex.getRequestHeaders().getFirst("Range");
            requests.add(name + (range == null ? "" : " " + range));
            Path f = dir.resolve(name).normalize();
            if (!f.startsWith(dir) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] all = Files.readAllBytes(f);
            int from = 0;
            if (range != null && range.matches("bytes=\\d+-")) {
                from = Integer.parseInt(range.substring(6, range.length() - 1));
                if (from >= all.length) {
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (all.length - 1) + "/" + all.length);
                ex.sendResponseHeaders(206, all.length - from);
            } else {
                ex.sendResponseHeaders(200, all.length);
            }
            Long cut = cutAfter.remove(name);
            OutputStream out = ex.getResponseBody();
            if (cut != null) {
                out.write(all, from, (int) Math.min(cut, all.length - from));
                out.flush();
                // closing short of the declared length drops the connection mid-body, as a failing network does
                return;
            }
            out.write(all, from, all.length - from);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
