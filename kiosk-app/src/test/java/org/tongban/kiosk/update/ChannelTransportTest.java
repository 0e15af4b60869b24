package org.tongban.kiosk.update;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.transport.LoopbackTls;

/**
 * How a terminal reaches its channel: https (or loopback), redirects only within the channel's origin, every
 * fetch held to a deadline; and which signed manifests it still refuses: another channel's, and one that
 * would switch off the freeze check by expiring years ahead.
 */
class ChannelTransportTest {

    private static final String TERMINAL = "YN-KM-GD-0001";
    private static final Duration DEADLINE = Duration.ofMillis(1_500);
    private static final Duration MARGIN = Duration.ofMillis(1_500);

    @TempDir
    Path home;

    private Channels ch;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void setUp() throws Exception {
        ch = new Channels(home, clock);
    }

    @AfterEach
    void tearDown() {
        ch.close();
    }

    @Test
    void aManifestTricklingOneByteASecondIsCutAtTheDeadline() throws Exception {
        try (LoopbackTls.SlowDrip drip = new LoopbackTls.SlowDrip()) {
            ChannelClient client = new ChannelClient(drip.url(), DEADLINE);
            long started = System.nanoTime();
            UpdateRefused refused = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(UpdateRefused.class, client::fetch));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.reason(), is(UpdateRefused.Reason.CHANNEL_UNAVAILABLE));
            assertThat("took " + took.toMillis() + " ms", took, lessThan(DEADLINE.plus(MARGIN)));
        }
    }

    @Test
    void anArtifactTricklingOneByteASecondIsCutAtItsSizesDeadline() throws Exception {
        try (LoopbackTls.SlowDrip drip = new LoopbackTls.SlowDrip()) {
            ChannelClient client = new ChannelClient(drip.url(), DEADLINE);
            // 100 000 bytes may take the timeout plus 100 000 / 32 KiB/s, about 3 s more: not 28 hours
            Manifest.Artifact app = new Manifest.Artifact("app.zip", ArtifactKind.APP, 100_000, "0".repeat(64));
            Duration allowed = DEADLINE.plusSeconds(100_000 / ChannelClient.MIN_BYTES_PER_SECOND);
            long started = System.nanoTime();
            UpdateRefused refused = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(UpdateRefused.class, () -> client.download(app, home.resolve("staging"))));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.reason(), is(UpdateRefused.Reason.CHANNEL_UNAVAILABLE));
            assertThat("took " + took.toMillis() + " ms", took, lessThan(allowed.plus(MARGIN)));
        }
    }

    @Test
    void plainHttpIsOnlyForLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChannelClient(URI.create("http://updates.example.gov.cn/tongban/stable/"), DEADLINE));
        assertThat(e.getMessage(), containsString("plain http to another machine"));
    }

    @Test
    void redirectsAreFollowedOnlyWithinTheChannelsOrigin() throws Exception {
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        HttpServer other = server(exchange -> {
            elsewhere.add(exchange.getRequestURI().getPath());
            answer(exchange, 200, "evil".getBytes(StandardCharsets.UTF_8), null);
        });
        HttpServer channel = server(exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/moved/")) {
                answer(exchange, 200, ("served " + path).getBytes(StandardCharsets.UTF_8), null);
            } else if (path.startsWith("/here/")) {
                answer(exchange, 302, new byte[0], path.replace("/here/", "/moved/"));
            } else {
                answer(exchange, 302, new byte[0], "http://127.0.0.1:" + other.getAddress().getPort() + path);
            }
        });
        try {
            String base = "http://127.0.0.1:" + channel.getAddress().getPort();
            ChannelClient.SignedManifest followed = new ChannelClient(URI.create(base + "/here/"), DEADLINE).fetch();
            assertThat(new String(followed.manifest(), StandardCharsets.UTF_8), equalTo("served /moved/manifest.json"));

            UpdateRefused refused = assertThrows(UpdateRefused.class,
                    () -> new ChannelClient(URI.create(base + "/away/"), DEADLINE).fetch());
            assertThat(refused.reason(), is(UpdateRefused.Reason.CHANNEL_UNAVAILABLE));
            assertThat(refused.getMessage(), containsString("outside the channel's origin"));
            assertThat(elsewhere, empty());
        } finally {
            channel.stop(0);
            other.stop(0);
        }
    }

    @Test
    void aSignedManifestOfAnotherChannelIsRefused() throws Exception {
        ch.publish(5, "2026.11.21", null, ch.catalog(), null, 100, 30);
        Updater beta = new Updater(new Updater.Settings(new ChannelClient(ch.server.url(), DEADLINE),
                new OperatorKeys().readTrusted(List.of(ch.keys.resolve(OperatorKeys.PUBLIC_FILE))), home.resolve("data"),
                TERMINAL, Terminal.drivers(), "beta"), clock);
        UpdateRefused refused = assertThrows(UpdateRefused.class, beta::check);
        assertThat(refused.reason(), is(UpdateRefused.Reason.WRONG_CHANNEL));
        assertThat(refused.getMessage(), containsString("is for channel 'stable', this terminal takes 'beta'"));
    }

    @Test
    void aManifestExpiringYearsAheadIsRefusedAndNotBuilt() throws Exception {
        ch.publish(5, "2026.11.21", null, ch.catalog(), null, 100, 30);
        // The operator's key signs a manifest valid for ten years: a stale channel would go unnoticed for as long.
        Path file = ch.channelDir.resolve(Manifest.FILE);
        Manifest m = Manifest.parse(Files.readAllBytes(file));
        Manifest forever = new Manifest(m.schema(), m.channel(), m.version(), m.sequence(), m.issuedAt(),
                m.issuedAt().plus(Duration.ofDays(3650)), m.rollout(), m.artifacts(), m.notes());
        byte[] json = forever.toJson();
        Files.write(file, json);
        OperatorKeys keys = new OperatorKeys();
        Files.writeString(ch.channelDir.resolve(Manifest.SIGNATURE_FILE),
                keys.sign(keys.readPrivate(ch.keys.resolve(OperatorKeys.PRIVATE_FILE)), json));

        UpdateRefused refused = assertThrows(UpdateRefused.class,
                () -> ch.updater(home.resolve("data"), TERMINAL, clock).check());
        assertThat(refused.reason(), is(UpdateRefused.Reason.EXPIRY_TOO_FAR));

        assertThrows(IllegalArgumentException.class,
                () -> ch.publish(6, "2026.11.22", null, ch.catalog(), null, 100, 401));
    }

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        s.createContext("/", handler);
        s.start();
        return s;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body, String location)
            throws IOException {
        try (exchange) {
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
