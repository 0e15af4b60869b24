package org.tongban.kiosk.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a channel: static files over HTTP(S) from any server or CDN. Artifacts are downloaded into a staging
 * folder as {@code NAME.part}, resumed with an HTTP Range request after an interruption, and renamed to
 * {@code NAME} only once their size and SHA-256 match the manifest.
 */
public final class ChannelClient {

    /** The two files of a channel's head, exactly as served. */
    public record SignedManifest(byte[] manifest, String signature) {
    }

    private static final Logger log = LoggerFactory.getLogger(ChannelClient.class);
    private static final int MAX_MANIFEST_BYTES = 1 << 20;

    private final URI channel;
    private final HttpClient http;
    private final Duration timeout;

    /** @param channel the channel folder's URL (a trailing slash is added when missing) */
    public ChannelClient(URI channel, Duration timeout) {
        String s = channel.toString();
        this.channel = URI.create(s.endsWith("/") ? s : s + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
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
            HttpResponse<InputStream> r = http.send(request(name).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() == 404) {
                    return Optional.empty();
                }
                if (r.statusCode() != 200) {
                    throw new UpdateRefused(UpdateRefused.Reason.CHANNEL_UNAVAILABLE, name + ": HTTP " + r.statusCode());
                }
                byte[] body = in.readNBytes(MAX_MANIFEST_BYTES + 1);
                if (body.length > MAX_MANIFEST_BYTES) {
                    throw new UpdateRefused(UpdateRefused.Reason.TOO_LARGE, name + " is larger than 1 MiB");
                }
                return Optional.of(body);
            }
        } catch (IOException e) {
            throw new UpdateRefused(UpdateRefused.Reason.CHANNEL_UNAVAILABLE, name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateRefused(UpdateRefused.Reason.CHANNEL_UNAVAILABLE, "interrupted", e);
        }
    }

    private HttpRequest.Builder request(String name) {
        return HttpRequest.newBuilder(channel.resolve(name)).timeout(timeout).GET();
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
        HttpRequest.Builder b = request(a.name());
        if (have > 0) {
            b.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream in = r.body()) {
            boolean append;
            if (r.statusCode() == 206 && have > 0) {
                append = true;
                log.info("resuming {} at byte {} of {}", a.name(), have, a.size());
            } else if (r.statusCode() == 200) {
                append = false; // the server ignored the range: start again
                have = 0;
            } else if (r.statusCode() == 416) {
                Files.deleteIfExists(part);
                throw new IOException("the server refused the resume range; starting over next time");
            } else {
                throw new IOException("HTTP " + r.statusCode());
            }
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[64 * 1024];
                long total = have;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > a.size()) {
                        out.close();
                        Files.deleteIfExists(part);
                        throw new UpdateRefused(UpdateRefused.Reason.TOO_LARGE, a.name() + " is larger than the "
                                + a.size() + " bytes the manifest declares");
                    }
                    out.write(buf, 0, n);
                }
            }
        }
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
