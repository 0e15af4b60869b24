package org.tongban.kiosk.update;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DriverCatalog;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.files.FolderTree;

/**
 * One terminal's side of the channel: check (signature, expiry, sequence, rollout), download everything
 * into staging and verify it, then install: configuration and catalog validated by the same loaders as the
 * local files and switched atomically, the application into the inactive slot. Every refusal is kept in
 * {@code state.json} for the heartbeat.
 */
public final class Updater {

    /**
     * @param trusted     the operator keys this terminal trusts (more than one while keys are rotated)
     * @param drivers     the drivers this build has, to validate a configuration release's devices.yaml
     * @param channelName the manifest's {@code channel} this terminal takes: a signed manifest of another channel
     *                    (a beta, say, served at this URL by mistake or on purpose) is refused
     */
    public record Settings(ChannelClient channel, List<PublicKey> trusted, Path dataDir, String terminalId,
                           DriverCatalog drivers, String channelName) {

        /** The channel {@code bundle build} publishes. */
        public static final String DEFAULT_CHANNEL_NAME = "stable";

        public Settings {
            channelName = channelName == null ? DEFAULT_CHANNEL_NAME : channelName;
        }

        /** Taking the {@value #DEFAULT_CHANNEL_NAME} channel. */
        public Settings(ChannelClient channel, List<PublicKey> trusted, Path dataDir, String terminalId,
                DriverCatalog drivers) {
            this(channel, trusted, dataDir, terminalId, drivers, null);
        }

        /** What kiosk.yaml's {@code update} section says, the trusted operator keys read from their files. */
        public static Settings of(KioskConfig k, Path dataDir, DriverCatalog drivers) throws IOException {
            KioskConfig.Update u = k.update();
            return new Settings(new ChannelClient(URI.create(u.channel()),
                    Duration.ofSeconds(k.platform().timeoutSeconds() * 3L)),
                    new OperatorKeys().readTrusted(u.trustedKeys().stream().map(Path::of).toList()), dataDir,
                    k.terminal().id(), drivers, u.name());
        }
    }

    /**
     * How far ahead a manifest may expire. Expiry is what tells a terminal it is fed a frozen channel; a manifest
     * valid for ten years would switch that off for as long as the key signing it lives.
     */
    public static final java.time.Duration MAX_VALIDITY = java.time.Duration.ofDays(400);

    /**
     * What the channel offers this terminal.
     *
     * @param newer     its sequence is above the installed one
     * @param inRollout this terminal is among the release's rollout percent
     */
    public record Offer(Manifest manifest, long installedSequence, boolean newer, boolean inRollout) {

        public boolean wanted() {
            return newer && inRollout;
        }
    }

    /** A release downloaded and verified, ready to install. */
    public record Staged(Manifest manifest, Map<ArtifactKind, Path> files) {
    }

    /**
     * What an installation changed.
     *
     * @param catalog the catalog release now served, to switch the running catalog to
     * @param config  the configuration folder now served, if the release carried one
     * @param app     an application release went into the inactive slot: a restart takes it
     */
    public record Installed(Manifest manifest, Optional<Catalog> catalog, Optional<Path> config, boolean app) {
    }

    private static final Logger log = LoggerFactory.getLogger(Updater.class);

    private final Settings settings;
    private final Clock clock;
    private final OperatorKeys keys = new OperatorKeys();

    public Updater(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    /** Reads and checks the channel's manifest; a refused one throws, with the refusal recorded. */
    public Offer check() throws UpdateRefused {
        try {
            UpdateState state = UpdateState.read(settings.dataDir());
            ChannelClient.SignedManifest signed = settings.channel().fetch();
            if (!keys.verify(settings.trusted(), signed.manifest(), signed.signature())) {
                throw new UpdateRefused(UpdateRefused.Reason.BAD_SIGNATURE,
                        "manifest.json.sig does not verify with any trusted operator key");
            }
            Manifest m = Manifest.parse(signed.manifest());
            if (!settings.channelName().equals(m.channel())) {
                throw new UpdateRefused(UpdateRefused.Reason.WRONG_CHANNEL, "manifest " + m.sequence()
                        + " is for channel '" + m.channel() + "', this terminal takes '" + settings.channelName() + "'");
            }
            if (!m.expiresAt().isAfter(clock.instant())) {
                throw new UpdateRefused(UpdateRefused.Reason.EXPIRED, "manifest " + m.sequence() + " expired at "
                        + m.expiresAt() + " (a stale channel)");
            }
            if (m.expiresAt().isAfter(clock.instant().plus(MAX_VALIDITY))) {
                throw new UpdateRefused(UpdateRefused.Reason.EXPIRY_TOO_FAR, "manifest " + m.sequence()
                        + " expires at " + m.expiresAt() + ", more than " + MAX_VALIDITY.toDays() + " days ahead");
            }
            if (m.sequence() < state.sequence()) {
                throw new UpdateRefused(UpdateRefused.Reason.ROLLBACK, "manifest sequence " + m.sequence()
                        + " is below the installed " + state.sequence());
            }
            return new Offer(m, state.sequence(), m.sequence() > state.sequence(),
                    Rollout.includes(m.rollout(), settings.terminalId()));
        } catch (IOException e) {
            throw new UpdateRefused(UpdateRefused.Reason.CHANNEL_UNAVAILABLE, "update state: " + e.getMessage(), e);
        } catch (UpdateRefused r) {
            throw recorded(r, null);
        }
    }

    /** Downloads (resuming) and verifies every artifact of the offer; nothing is installed. */
    public Staged download(Offer offer) throws UpdateRefused {
        Manifest m = offer.manifest();
        Path staging = settings.dataDir().resolve("update").resolve("staging").resolve(Long.toString(m.sequence()));
        try {
            clearOtherStaging(staging);
        } catch (IOException e) {
            log.warn("could not clear old staging folders: {}", e.getMessage());
        }
        Map<ArtifactKind, Path> files = new EnumMap<>(ArtifactKind.class);
        try {
            for (Manifest.Artifact a : m.artifacts()) {
                files.put(a.kind(), settings.channel().download(a, staging));
            }
        } catch (UpdateRefused r) {
            throw recorded(r, m);
        }
        return new Staged(m, files);
    }

    /** Installs a staged release; validates configuration and catalog before anything is switched. */
    public Installed install(Staged staged) throws UpdateRefused {
        Manifest m = staged.manifest();
        Path lockFile = settings.dataDir().resolve("update").resolve("lock");
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = c.tryLock()) {
                if (lock == null) {
                    throw new UpdateRefused(UpdateRefused.Reason.CHANNEL_UNAVAILABLE,
                            "another installation is running on this terminal");
                }
                UpdateState state = UpdateState.read(settings.dataDir());
                if (m.sequence() <= state.sequence()) {
                    throw new UpdateRefused(UpdateRefused.Reason.ROLLBACK, "sequence " + m.sequence()
                            + " is not above the installed " + state.sequence());
                }
                Installed done = installLocked(staged);
                state.installed(m, clock.instant()).write(settings.dataDir());
                log.info("release {} (sequence {}) installed: {}", m.version(), m.sequence(),
                        m.artifacts().stream().map(a -> a.kind().name()).collect(Collectors.joining(", ")));
                return done;
            }
        } catch (IOException e) {
            throw recorded(new UpdateRefused(UpdateRefused.Reason.INVALID_CONTENT, "cannot install: " + e.getMessage(),
                    e), m);
        } catch (UpdateRefused r) {
            throw recorded(r, m);
        }
    }

    private Installed installLocked(Staged staged) throws IOException, UpdateRefused {
        Manifest m = staged.manifest();
        Releases configs = new Releases(settings.dataDir(), Releases.CONFIG);
        Releases catalogs = new Releases(settings.dataDir(), Releases.CATALOG);
        Path configDir = null;
        Path catalogDir = null;
        Catalog catalog = null;
        List<String> problems = new ArrayList<>();
        Path configZip = staged.files().get(ArtifactKind.CONFIG);
        if (configZip != null) {
            configDir = configs.unpack(configZip, m.sequence());
            try {
                new ConfigLoader(settings.drivers()).load(configDir);
            } catch (ConfigException e) {
                e.problems().forEach(p -> problems.add(p.toString()));
            }
        }
        Path catalogZip = staged.files().get(ArtifactKind.CATALOG);
        if (catalogZip != null) {
            catalogDir = catalogs.unpack(catalogZip, m.sequence());
            try {
                catalog = new CatalogLoader().load(catalogDir);
            } catch (ConfigException e) {
                e.problems().forEach(p -> problems.add(p.toString()));
            }
        }
        if (!problems.isEmpty()) {
            throw new UpdateRefused(UpdateRefused.Reason.INVALID_CONTENT, String.join("; ", problems));
        }
        Path appZip = staged.files().get(ArtifactKind.APP);
        if (appZip != null) {
            new AppSlots(settings.dataDir()).install(appZip, m.version());
        }
        if (configDir != null) {
            configs.switchTo(configDir);
        }
        if (catalogDir != null) {
            catalogs.switchTo(catalogDir);
        }
        return new Installed(m, Optional.ofNullable(catalog), Optional.ofNullable(configDir), appZip != null);
    }

    private void clearOtherStaging(Path keep) throws IOException {
        Path root = keep.getParent();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> !p.equals(keep)).toList()) {
                FolderTree.delete(p);
            }
        }
    }

    private UpdateRefused recorded(UpdateRefused r, Manifest m) {
        if (r.reason() == UpdateRefused.Reason.CHANNEL_UNAVAILABLE) {
            log.info("update: {}", r.getMessage());
            return r; // the channel being down is not a refusal; the next poll tries again
        }
        log.warn("update refused: {}", r.getMessage());
        try {
            UpdateState.read(settings.dataDir()).refused(new UpdateState.Refusal(r.reason().name(), r.getMessage(),
                    m == null ? null : m.sequence(), clock.instant())).write(settings.dataDir());
        } catch (IOException e) {
            log.warn("could not record the refusal: {}", e.getMessage());
        }
        return r;
    }
}
