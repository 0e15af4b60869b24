package org.tongban.kiosk.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.transport.BoundedCall;
import org.tongban.kiosk.transport.Endpoints;

/**
 * Reads a channel: static files over HTTPS (plain HTTP only to loopback) from any server or CDN. Redirects are
 * followed only within the channel's own origin. Every request is held to an overall deadline and its body to a
 * cap: 1 MiB for the manifest and its signature, the declared size for an artifact, whose deadline grows with
 * that size at {@link #MIN_BYTES_PER_SECOND}. Artifacts are downloaded into a staging folder as
 * {@code NAME.part}, resumed with an HTTP Range request after an interruption, and renamed to {@code NAME} only
 * once their size and SHA-256 match the manifest.
 */
public final class ChannelClient {

    /** The two files of a channel's head, exactly as served. */
    public record SignedManifest(byte[] manifest, String signature) {
    }

    private static final Logger log = LoggerFactory.getLogger(ChannelClient.class);
    private static final int MAX_MANIFEST_BYTES = 1 << 20;
    /** The slowest download still allowed to finish: an artifact's deadline is the timeout plus size at this rate. */
    static final long MIN_BYTES_PER_SECOND = 32 * 1024;
    private static final int MAX_REDIRECTS = 5;
    /** What is kept of the body of an answer that is not the file (an error page). */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final URI channel;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param channel the channel folder's URL (a trailing slash is added when missing): https, or http to loopback
     * @param timeout the deadline of a manifest request as a whole; artifacts get more, by their size
     * @throws IllegalArgumentException for plain http to another machine
     */
    public ChannelClient(URI channel, Duration timeout) {
        String s = Endpoints.require(channel).toString();
        this.channel = URI.create(s.endsWith("/") ? s : s + "/");
        this.timeout = timeout;
        // Redirects are followed by hand (see send): the JDK would follow them to any host, and from https to http.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI channel() {
        return channel;
    }

    public SignedManifest fetch() throws UpdateRefused {
        byte[] manifest = get(Manifest.FILE).orElseThrow(() -> new UpdateRefused(UpdateRefused.Reason.UNPARSEABLE,
                "the channel has no " + Manifest.FILE));
        byte[] sig = get(Manifest.SIGNATURE_FILE).orElseThrow(() -> new UpdateRefused(
                UpdateRefused.Reason.MISSING_SIGNATURE, "the channel has no " + Manifest.SIGNATURE_FILE));
        return new SignedManifest(manifest, new String(sig, StandardCharsets.US_ASCII));
    }

    private Optional<byte[]> get(String name) throws UpdateRefused {
        try {
            HttpResponse<byte[]> r = send(channel.resolve(name), null, timeout,
                    info -> BoundedCall.inMemory(MAX_MANIFEST_BYTES));
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new UpdateRefused(UpdateRefused.Reason.CHANNEL_UNAVAILABLE, name + ": HTTP " + r.statusCode());
            }
            return Optional.of(r.body());
        } catch (BoundedCall.BodyTooLarge e) {
            throw new UpdateRefused(UpdateRefused.Reason.TOO_LARGE, name + " is larger than 1 MiB", e);
        } catch (IOException e) {
            throw new UpdateRefused(UpdateRefused.Reason.CHANNEL_UNAVAILABLE, name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateRefused(UpdateRefused.Reason.CHANNEL_UNAVAILABLE, "interrupted", e);
        }
    }

    /**
     * One GET held to the deadline, following at most {@value #MAX_REDIRECTS} redirects that stay on the channel's
     * scheme, host and port: a redirect elsewhere is where a mirror nobody configured would serve the terminal.
     */
    private <T> HttpResponse<T> send(URI uri, String range, Duration deadline,
            Function<HttpResponse.ResponseInfo, BoundedCall.Sink<T>> sinks) throws IOException, InterruptedException {
        URI at = uri;
        long until = System.nanoTime() + deadline.toNanos();
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(at).timeout(deadline).GET();
            if (range != null) {
                b.header("Range", range);
            }
            // A redirect's own body is an error page: it does not go into the sink.
            HttpResponse<T> r = BoundedCall.send(http, b.build(), Duration.ofNanos(Math.max(1, until - System.nanoTime())),
                    info -> isRedirect(info.statusCode()) || !(info.statusCode() == 200 || info.statusCode() == 206)
                            ? (BoundedCall.Sink<T>) discard() : sinks.apply(info));
            if (!isRedirect(r.statusCode())) {
                return r;
            }
            String location = r.headers().firstValue("Location").orElseThrow(
                    () -> new IOException(uri.getPath() + ": HTTP " + r.statusCode() + " without a Location"));
            URI next = at.resolve(location);
            if (!Endpoints.sameOrigin(channel, next)) {
                throw new IOException(uri.getPath() + ": redirected to " + next.getScheme() + "://" + next.getHost()
                        + ", outside the channel's origin; not followed");
            }
            if (hop + 1 >= MAX_REDIRECTS) {
                throw new IOException(uri.getPath() + ": more than " + MAX_REDIRECTS + " redirects");
            }
            at = next;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The body of an error or redirect: read up to a small cap and dropped. */
    @SuppressWarnings("rawtypes")
    private static BoundedCall.Sink discard() {
        return BoundedCall.inMemory(MAX_ERROR_BODY);
    }

    /**
     * Brings {@code staging/NAME} to the artifact as declared, resuming {@code NAME.part} when an earlier
     * download stopped part-way; an artifact already complete and verified is not fetched again.
     *
     * @return the verified file
     */
    public Path download(Manifest.Artifact a, Path staging) throws UpdateRefused {
        Path done = staging.resolve(a.name());
        Path part = staging.resolve(a.name() + ".part");
        try {
            Files.createDirectories(staging);
            if (Files.exists(done)) {
                if (Files.size(done) == a.size() && sha256(done).equals(a.sha256())) {
                    return done;
                }
                Files.delete(done);
            }
            long have = Files.exists(part) ? Files.size(part) : 0;
            if (have > a.size()) {
                Files.delete(part);
                have = 0;
            }
            if (have < a.size() || a.size() == 0) {
                fetchInto(a, part, have);
            }
            if (Files.size(part) != a.size()) {
                throw new UpdateRefused(UpdateRefused.Reason.SIZE_MISMATCH, a.name() + " is " + Files.size(part)
                        + " bytes, the manifest says " + a.size());
            }
            String digest = sha256(part);
            if (!digest.equals(a.sha256())) {
                Files.delete(part);
                throw new UpdateRefused(UpdateRefused.Reason.DIGEST_MISMATCH, a.name() + " has SHA-256 " + digest
                        + ", the manifest says " + a.sha256());
            }
            Files.move(part, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return done;
        } catch (IOException e) {
            // the part stays: the next attempt resumes from where this one stopped
            throw new UpdateRefused(UpdateRefused.Reason.CHANNEL_UNAVAILABLE, a.name() + ": " + e.getMessage(), e);
        }
    }

    private void fetchInto(Manifest.Artifact a, Path part, long have) throws IOException, UpdateRefused {
        Duration deadline = timeout.plusSeconds(a.size() / MIN_BYTES_PER_SECOND);
        HttpResponse<Long> r;
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            try {
                r = send(channel.resolve(a.name()), have > 0 ? "bytes=" + have + "-" : null, deadline,
                        info -> into(out, a, info.statusCode() == 206 && have > 0 ? have : 0));
            } catch (BoundedCall.BodyTooLarge e) {
                out.close();
                Files.deleteIfExists(part);
                throw new UpdateRefused(UpdateRefused.Reason.TOO_LARGE, a.name() + " is larger than the "
                        + a.size() + " bytes the manifest declares", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (r.statusCode() == 206 && have > 0) {
            log.info("resumed {} at byte {} of {}", a.name(), have, a.size());
        } else if (r.statusCode() == 416) {
            Files.deleteIfExists(part);
            throw new IOException("the server refused the resume range; starting over next time");
        } else if (r.statusCode() != 200 && r.statusCode() != 206) {
            throw new IOException("HTTP " + r.statusCode());
        }
    }

    /**
     * Writes the artifact's bytes into the part file from {@code from} on (0: the server ignored the range and
     * sends it whole, so the part starts again), never past the declared size.
     */
    private static BoundedCall.Sink<Long> into(FileChannel out, Manifest.Artifact a, long from) {
        return new BoundedCall.Sink<>() {
            private boolean positioned;

            @Override
            public long limit() {
                return a.size() - from;
            }

            @Override
            public void write(ByteBuffer chunk) throws IOException {
                if (!positioned) {
                    out.truncate(from);
                    out.position(from);
                    positioned = true;
                }
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }

            @Override
            public Long finish() throws IOException {
                if (!positioned) {
                    out.truncate(from);
                }
                return out.size();
            }
        };
    }

    /** Lower-case hex SHA-256 of a file, as the manifest declares it. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
