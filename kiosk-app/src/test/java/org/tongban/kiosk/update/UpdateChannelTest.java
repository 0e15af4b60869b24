package org.tongban.kiosk.update;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.update.UpdateRefused.Reason;

/**
 * A terminal against a channel served by a real HTTP server on loopback, published with the operator's tools
 * and keys generated here: what it takes, and every refusal of update-channel.md.
 */
class UpdateChannelTest {

    private static final String TERMINAL = "YN-KM-GD-0001";

    @TempDir
    Path home;

    private Channels ch;
    private Path data;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void setUp() throws Exception {
        ch = new Channels(home, clock);
        data = home.resolve("data");
    }

    @AfterEach
    void tearDown() {
        ch.close();
    }

    private Updater updater() throws Exception {
        return ch.updater(data, TERMINAL, clock);
    }

    private Reason refusal(UpdaterCall call) {
        return assertThrows(UpdateRefused.class, call::run).reason();
    }

    private interface UpdaterCall {
        void run() throws Exception;
    }

    @Test
    void aGoodReleaseIsInstalledAndTheSameOneIsNotTakenAgain() throws Exception {
        ch.publish(5, "2026.11.21", ch.config, ch.catalog(), null, 100, 30);
        Updater.Offer offer = updater().check();
        assertThat(offer.newer(), is(true));
        assertThat(offer.inRollout(), is(true));
        Updater.Installed done = updater().install(updater().download(offer));

        assertThat(done.catalog().orElseThrow().items().size(), greaterThan(10));
        Updates installed = new Updates(data);
        assertThat(Files.readString(installed.configDir().orElseThrow().resolve("kiosk.yaml")),
                equalTo(Files.readString(ch.config.resolve("kiosk.yaml"))));
        assertThat(Files.isRegularFile(installed.catalogDir().orElseThrow().resolve("catalog.yaml")), is(true));
        UpdateState state = UpdateState.read(data);
        assertThat(state.sequence(), equalTo(5L));
        assertThat(state.catalogSequence(), equalTo(5L));
        assertThat(updater().check().newer(), is(false));
        // a staged release is not installed twice
        assertThat(refusal(() -> updater().install(updater().download(offer))), is(Reason.ROLLBACK));
    }

    @Test
    void aTamperedManifestIsRefusedAndRecorded() throws Exception {
        ch.publish(5, "2026.11.21", null, ch.catalog(), null, 10, 30);
        Path manifest = ch.channelDir.resolve(Manifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"percent\" : 10", "\"percent\" : 100"));
        assertThat(refusal(() -> updater().check()), is(Reason.BAD_SIGNATURE));
        UpdateState state = UpdateState.read(data);
        assertThat(state.lastRefusal().reason(), equalTo("BAD_SIGNATURE"));
        assertThat(state.sequence(), equalTo(0L));
        assertThat(new Updates(data).catalogDir().isPresent(), is(false));
    }

    @Test
    void aManifestWithoutSignatureOrSignedByAnotherKeyIsRefused() throws Exception {
        ch.publish(5, "2026.11.21", null, ch.catalog(), null, 100, 30);
        Path sig = ch.channelDir.resolve(Manifest.SIGNATURE_FILE);
        String good = Files.readString(sig);
        Files.delete(sig);
        assertThat(refusal(() -> updater().check()), is(Reason.MISSING_SIGNATURE));

        OperatorKeys keys = new OperatorKeys();
        Path other = home.resolve("other");
        keys.generate(other, new SecureRandom());
        Files.writeString(sig, keys.sign(keys.readPrivate(other.resolve(OperatorKeys.PRIVATE_FILE)),
                Files.readAllBytes(ch.channelDir.resolve(Manifest.FILE))));
        assertThat(refusal(() -> updater().check()), is(Reason.BAD_SIGNATURE));
        Files.writeString(sig, "not base64 at all!");
        assertThat(refusal(() -> updater().check()), is(Reason.BAD_SIGNATURE));

        // while keys are rotated, a terminal trusts the old and the new one
        Files.writeString(sig, good);
        Updater rotating = new Updater(new Updater.Settings(new ChannelClient(ch.server.url(), Duration.ofSeconds(5)),
                keys.readTrusted(List.of(other.resolve(OperatorKeys.PUBLIC_FILE),
                        ch.keys.resolve(OperatorKeys.PUBLIC_FILE))), data, TERMINAL, Terminal.drivers()), clock);
        assertThat(rotating.check().newer(), is(true));
    }

    @Test
    void aSignedManifestThatDoesNotParseIsRefused() throws Exception {
        OperatorKeys keys = new OperatorKeys();
        byte[] junk = "{\"schema\": 1, \"version\": \"x\", \"sequence\": \"many\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(ch.channelDir.resolve(Manifest.FILE), junk);
        Files.writeString(ch.channelDir.resolve(Manifest.SIGNATURE_FILE),
                keys.sign(keys.readPrivate(ch.keys.resolve(OperatorKeys.PRIVATE_FILE)), junk));
        assertThat(refusal(() -> updater().check()), is(Reason.UNPARSEABLE));
    }

    @Test
    void aTamperedArtifactIsRefusedAndNothingIsInstalled() throws Exception {
        Manifest m = ch.publish(5, "2026.11.21", ch.config, ch.catalog(), null, 100, 30);
        Path catalogZip = ch.channelDir.resolve(m.artifact(ArtifactKind.CATALOG).orElseThrow().name());
        byte[] bytes = Files.readAllBytes(catalogZip);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(catalogZip, bytes);
        Updater.Offer offer = updater().check();
        assertThat(refusal(() -> updater().download(offer)), is(Reason.DIGEST_MISMATCH));
        assertThat(UpdateState.read(data).lastRefusal().detail(), containsString(catalogZip.getFileName().toString()));

        byte[] longer = new byte[bytes.length + 100];
        Files.write(catalogZip, longer);
        assertThat(refusal(() -> updater().download(offer)), is(Reason.TOO_LARGE));
        assertThat(new Updates(data).configDir().isPresent(), is(false));
        assertThat(UpdateState.read(data).sequence(), equalTo(0L));
    }

    @Test
    void anExpiredManifestIsRefused() throws Exception {
        ch.publish(5, "2026.11.21", null, ch.catalog(), null, 100, 1);
        Clock later = Clock.offset(clock, Duration.ofDays(2));
        assertThat(refusal(() -> ch.updater(data, TERMINAL, later).check()), is(Reason.EXPIRED));
    }

    @Test
    void anOlderSequenceIsRefusedAsARollback() throws Exception {
        ch.publish(7, "2026.11.21", null, ch.catalog(), null, 100, 30);
        updater().install(updater().download(updater().check()));
        ch.publish(6, "2026.11.20", null, ch.catalog(), null, 100, 30);
        assertThat(refusal(() -> updater().check()), is(Reason.ROLLBACK));
        assertThat(UpdateState.read(data).sequence(), equalTo(7L));
    }

    @Test
    void anInterruptedDownloadResumesWhereItStopped() throws Exception {
        Manifest m = ch.publish(5, "2026.11.21", null, ch.catalog(), null, 100, 30);
        String name = m.artifact(ArtifactKind.CATALOG).orElseThrow().name();
        ch.server.cutNextDownload(name, 1000);
        Updater.Offer offer = updater().check();
        assertThat(refusal(() -> updater().download(offer)), is(Reason.CHANNEL_UNAVAILABLE));
        Path part = data.resolve("update/staging/5").resolve(name + ".part");
        assertThat(Files.size(part), equalTo(1000L));
        assertThat(new Updates(data).catalogDir().isPresent(), is(false));

        updater().install(updater().download(offer));
        assertThat(ch.server.requests, hasItem(name + " bytes=1000-"));
        assertThat(new Updates(data).catalogDir().isPresent(), is(true));
    }

    @Test
    void aTerminalOutsideTheRolloutDoesNotTakeIt() throws Exception {
        ch.publish(5, "2026.11.21", null, ch.catalog(), null, 0, 30);
        Updater.Offer offer = updater().check();
        assertThat(offer.newer(), is(true));
        assertThat(offer.wanted(), is(false));

        // the spec's rule, spread over many terminals: about a quarter are in a 25 % rollout
        int in = 0;
        for (int i = 0; i < 2000; i++) {
            if (Rollout.includes(new Manifest.Rollout(25, "c1f3"), "YN-KM-GD-" + i)) {
                in++;
            }
        }
        assertThat(in, allOf(greaterThan(400), lessThan(600)));
    }

    @Test
    void anInvalidCatalogIsRefusedByTheOperatorToolWithFileAndLine() throws Exception {
        Path item = ch.catalog().resolve("items/HF-CERT-DEPOSIT.yaml");
        Files.writeString(item, Files.readString(item).replaceFirst("step: print", "step: fax"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ch.publish(5, "2026.11.21", null, ch.catalog(), null, 100, 30));
        assertThat(e.getMessage(), containsString(item.getFileName() + ":"));
        assertThat(Files.exists(ch.channelDir.resolve(Manifest.FILE)), is(false));
    }
}
