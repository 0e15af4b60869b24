package org.tongban.kiosk.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Real TLS and real sockets on loopback for the link tests: a CA made in memory (its PEM written into the test's
 * folder, never committed), servers with its certificates, and a server that answers one byte a second.
 */
public final class LoopbackTls {

    private LoopbackTls() {
    }

    /** A CA and where its PEM is, for {@code platform.caBundle}. */
    public record Ca(CertificateAuthority authority, Path pem) {

        public static Ca create(String name, Path dir) throws GeneralSecurityException, IOException {
            CertificateAuthority ca = CertificateAuthority.create(name);
            Path pem = dir.resolve(name + ".pem");
            TlsTrust.writePem(pem, ca.certificate());
            return new Ca(ca, pem);
        }

        /** A server context with a certificate for 127.0.0.1 issued by this CA. */
        public SSLContext serverContext() throws GeneralSecurityException {
            CertificateAuthority.Issued server = authority.issueServer("127.0.0.1", "localhost");
            return TlsTrust.server(server.chain(), server.key(), List.of());
        }

        /** A server context that also demands a client certificate issued by {@code clients}. */
        public SSLContext serverContextTrustingClientsOf(CertificateAuthority clients) throws GeneralSecurityException {
            CertificateAuthority.Issued server = authority.issueServer("127.0.0.1", "localhost");
            return TlsTrust.server(server.chain(), server.key(), List.of(clients.certificate()));
        }

        /** Writes a client certificate (chain) and key issued by this CA; answers {certificate, key}. */
        public Path[] clientIdentity(String terminalId, Path dir) throws GeneralSecurityException, IOException {
            CertificateAuthority.Issued client = authority.issueClient(terminalId);
            Path cert = dir.resolve(terminalId + ".crt");
            Path key = dir.resolve(terminalId + ".key");
            TlsTrust.writePem(cert, client.chain().toArray());
            TlsTrust.writePem(key, client.key());
            return new Path[] {cert, key};
        }
    }

    /** An HTTPS server on 127.0.0.1 with this context and handler (plain HTTP without one); {@code url()} is its base. */
    public static final class Server implements AutoCloseable {
        private final HttpServer server;
        private final String scheme;

        public Server(SSLContext tls, HttpHandler handler) throws IOException {
            java.net.InetSocketAddress loopback = new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            HttpServer http;
            if (tls == null) {
                http = HttpServer.create(loopback, 10);
            } else {
                HttpsServer https = HttpsServer.create(loopback, 10);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                http = https;
            }
            scheme = tls == null ? "http" : "https";
            http.createContext("/", handler);
            http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "loopback-tls");
                t.setDaemon(true);
                return t;
            }));
            http.start();
            server = http;
        }

        public URI url() {
            return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * Accepts connections and answers each request with a 200 whose headers come at once and whose body then
     * trickles at one byte a second, as a broken proxy or a hostile server does.
     */
    public static final class SlowDrip implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;
        public final AtomicInteger connections = new AtomicInteger();

        public SlowDrip() throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "slow-drip");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> drip(s), "slow-drip-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void drip(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                // the request's head; a body, if any, is left unread
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < 100_000; i++) {
                    out.write(i == 0 ? '{' : ' ');
                    out.flush();
                    Thread.sleep(1_000);
                }
            } catch (IOException e) {
                // the client hung up: what a deadline is for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
