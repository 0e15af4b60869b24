package org.tongban.kiosk.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tongban.kiosk.transport.Endpoints;

/**
 * {@code kiosk.yaml}: who this terminal is and how it behaves. Field names are the YAML keys.
 *
 * @param dataDir where the outbox and session scratch files live
 * @param outbox  how the outbox keeps personal data at rest; optional (null: key beside the data, 7 days)
 * @param update  the operators' signed update channel; optional (null: this terminal takes no channel updates)
 * @param voice   voice guidance; optional (null: on, at the default volume, cache inside {@code dataDir})
 * @param fleet   the fleet server the heartbeat goes to; optional (null: the heartbeat goes to the platform)
 */
public record KioskConfig(Terminal terminal, String locale, Idle idle, String dataDir, Platform platform,
                          Screen screen, Outbox outbox, Update update, Voice voice, Fleet fleet) {

    /** Without a {@code fleet} section: the heartbeat goes to the platform. */
    public KioskConfig(Terminal terminal, String locale, Idle idle, String dataDir, Platform platform, Screen screen,
            Outbox outbox, Update update, Voice voice) {
        this(terminal, locale, idle, dataDir, platform, screen, outbox, update, voice, null);
    }

    /** The same settings reporting to {@code f} (null: to the platform). */
    public KioskConfig withFleet(Fleet f) {
        return new KioskConfig(terminal, locale, idle, dataDir, platform, screen, outbox, update, voice, f);
    }

    /** Without a {@code voice} section: the defaults of {@link Voice#defaults()}. */
    public KioskConfig(Terminal terminal, String locale, Idle idle, String dataDir, Platform platform, Screen screen,
            Outbox outbox, Update update) {
        this(terminal, locale, idle, dataDir, platform, screen, outbox, update, null);
    }

    /** Without an {@code update} section. */
    public KioskConfig(Terminal terminal, String locale, Idle idle, String dataDir, Platform platform, Screen screen,
            Outbox outbox) {
        this(terminal, locale, idle, dataDir, platform, screen, outbox, null);
    }

    /** Without an {@code outbox} section: the defaults of {@link Outbox#defaults()}. */
    public KioskConfig(Terminal terminal, String locale, Idle idle, String dataDir, Platform platform, Screen screen) {
        this(terminal, locale, idle, dataDir, platform, screen, null);
    }

    /** The outbox settings in force: the configured ones, or the defaults. */
    public Outbox outboxOrDefaults() {
        return outbox == null ? Outbox.defaults() : outbox;
    }

    /** The voice settings in force: the configured ones, or the defaults. */
    public Voice voiceOrDefaults() {
        return voice == null ? Voice.defaults() : voice;
    }

    /** Where the rendered prompts are kept; a relative path is inside {@code dataDir}. */
    public Path voiceCacheDir() {
        return Path.of(dataDir).resolve(voiceOrDefaults().cacheDir());
    }

    /**
     * Voice guidance (spoken prompts through espeak-ng).
     *
     * @param enabled  whether the kiosk speaks at all
     * @param volume   the volume each visit starts at, 0..100 (citizens can change it for their visit)
     * @param cacheDir the prompts rendered ahead of time ({@code ./kiosk voice cache}); relative: inside dataDir
     */
    public record Voice(Boolean enabled, Integer volume, String cacheDir) {

        public static final String DEFAULT_CACHE_DIR = "voice-cache";
        public static final int DEFAULT_VOLUME = 80;

        public static Voice defaults() {
            return new Voice(true, DEFAULT_VOLUME, DEFAULT_CACHE_DIR);
        }

        public Voice {
            enabled = enabled == null ? Boolean.TRUE : enabled;
            volume = volume == null ? DEFAULT_VOLUME : volume;
            cacheDir = cacheDir == null ? DEFAULT_CACHE_DIR : cacheDir;
        }

        List<ConfigProblem> check(YamlDocument doc) {
            List<ConfigProblem> problems = new ArrayList<>();
            if (volume < 0 || volume > 100) {
                problems.add(doc.problem("/voice/volume", "voice.volume must be 0..100, not " + volume));
            }
            if (cacheDir.isBlank()) {
                problems.add(doc.problem("/voice/cacheDir", "voice.cacheDir must name a folder"));
            }
            return problems;
        }
    }

    /** The SM4 key file that seals payloads at rest; a relative path is inside {@code dataDir}. */
    public Path outboxKeyFile() {
        return Path.of(dataDir).resolve(outboxOrDefaults().keyFile());
    }

    /**
     * @param id   the terminal's code, e.g. {@code YN-KM-GD-0001}; it signs every platform request
     * @param mode {@value #PRODUCTION} (the default: real drivers only) or {@value #DEMO} (a demo or test
     *             terminal, which may use simulated devices)
     * @param hall the hall's name the header shows (e.g. 官渡区政务服务中心); optional
     */
    public record Terminal(String id, Profile profile, String mode, String hall) {

        public static final String PRODUCTION = "production";
        public static final String DEMO = "demo";

        public Terminal {
            mode = mode == null ? PRODUCTION : mode;
        }

        /** A production terminal without a hall name: the header shows none. */
        public Terminal(String id, Profile profile) {
            this(id, profile, null, null);
        }

        /** The same terminal under another code. */
        public Terminal withId(String otherId) {
            return new Terminal(otherId, profile, mode, hall);
        }

        /** The same terminal in another mode. */
        public Terminal withMode(String otherMode) {
            return new Terminal(id, profile, otherMode, hall);
        }

        /** Whether simulated devices are allowed: only on a terminal that says it is a demo or test one. */
        public boolean demo() {
            return DEMO.equals(mode);
        }
    }

    /**
     * When a session ends by itself.
     *
     * @param warnAfterSeconds inactivity before the countdown warning appears
     * @param countdownSeconds how long the warning counts down before the session ends and is wiped
     * @param elderlyFactor how much longer both are in elderly mode (at least 2)
     */
    public record Idle(int warnAfterSeconds, int countdownSeconds, double elderlyFactor) {
    }

    /**
     * @param url               the provincial platform's terminal gateway: https, or http to loopback only
     * @param secretFile        the terminal secret for request signing, readable only by the kiosk user
     * @param timeoutSeconds    the deadline of each call as a whole, the answer's last byte included
     * @param caBundle          PEM certificates of the CA(s) that vouch for the platform; required with https (the
     *                          system's trust store is never used for the platform)
     * @param clientCertificate PEM certificate (chain) this terminal presents as its device identity (mutual TLS);
     *                          optional, with {@code clientKey}
     * @param clientKey         its PEM private key, readable only by the kiosk user
     * @param tls               {@code standard} (default) or {@code sm} (SM cipher suites, GB/T 39786; not in this
     *                          build: docs/adr/0013-transport-and-trust.md)
     */
    public record Platform(String url, String secretFile, int timeoutSeconds, int syncIntervalSeconds,
                           String caBundle, String clientCertificate, String clientKey, String tls) {

        public static final List<String> TLS_MODES = List.of("standard", "sm");

        public Platform {
            tls = tls == null ? "standard" : tls;
        }

        /** Plain http to loopback, or https trusting the JDK's store (command-line tools only). */
        public Platform(String url, String secretFile, int timeoutSeconds, int syncIntervalSeconds) {
            this(url, secretFile, timeoutSeconds, syncIntervalSeconds, null, null, null, null);
        }

        List<ConfigProblem> check(YamlDocument doc) {
            List<ConfigProblem> problems = new ArrayList<>();
            String urlProblem = remoteUrlProblem(url);
            if (url == null || !url.matches("https?://.+")) {
                problems.add(doc.problem("/platform/url", "platform.url must be an http(s) URL, not '" + url + "'"));
            } else if (urlProblem != null) {
                problems.add(doc.problem("/platform/url", "platform.url: " + urlProblem));
            } else if (url.startsWith("https:") && (caBundle == null || caBundle.isBlank())) {
                problems.add(doc.problem("/platform", "platform.caBundle is missing: with https the terminal trusts "
                        + "only the platform's CA certificates from this PEM file, never the system's store"));
            }
            if ((clientCertificate == null) != (clientKey == null)) {
                problems.add(doc.problem(clientCertificate == null ? "/platform/clientKey" : "/platform/clientCertificate",
                        "platform.clientCertificate and platform.clientKey go together"));
            }
            if (!TLS_MODES.contains(tls)) {
                problems.add(doc.problem("/platform/tls", "platform.tls must be standard or sm, not '" + tls + "'"));
            } else if (tls.equals("sm")) {
                problems.add(doc.problem("/platform/tls", "platform.tls: sm needs an SM TLS provider (TLCP / RFC 8998, "
                        + "Tencent Kona SSL) that this build does not include; see docs/adr/0013-transport-and-trust.md"));
            }
            return problems;
        }
    }

    /**
     * The province's fleet server (docs/contracts/fleet-api.yaml): with it, the heartbeat goes there, its answers
     * carry the operators' commands and whether staff are coming to a citizen who called.
     *
     * @param url            the fleet server's base URL, e.g. {@code https://fleet.example.gov.cn}
     * @param secretFile     the secret this terminal was enrolled with ({@code ./fleet terminals import}), one hex line
     * @param timeoutSeconds how long one heartbeat may take; optional (default 10)
     */
    public record Fleet(String url, String secretFile, Integer timeoutSeconds) {

        public static final int DEFAULT_TIMEOUT_SECONDS = 10;

        public Fleet {
            timeoutSeconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        }

        List<ConfigProblem> check(YamlDocument doc) {
            List<ConfigProblem> problems = new ArrayList<>();
            if (url == null || !url.matches("https?://[^/\\s]+/?")) {
                problems.add(doc.problem("/fleet/url", "fleet.url must be the server's http(s) address without a path "
                        + "(e.g. http://127.0.0.1:18090), not '" + url + "'"));
            }
            if (secretFile == null || secretFile.isBlank()) {
                problems.add(doc.problem("/fleet/secretFile", "fleet.secretFile is missing (the file ./fleet terminals "
                        + "import wrote for this terminal)"));
            }
            if (timeoutSeconds < 1 || timeoutSeconds > 120) {
                problems.add(doc.problem("/fleet/timeoutSeconds", "fleet.timeoutSeconds must be 1..120"));
            }
            return problems;
        }
    }

    /**
     * The outbox's data at rest.
     *
     * @param keyFile       the SM4 key sealing transaction payloads, readable only by the kiosk user; created
     *                      on first start; a relative path is inside {@code dataDir}
     * @param retentionDays how long a delivered payload is kept before only its bookkeeping remains
     */
    public record Outbox(String keyFile, Integer retentionDays) {

        public static final String DEFAULT_KEY_FILE = "outbox.key";
        public static final int DEFAULT_RETENTION_DAYS = 7;

        public static Outbox defaults() {
            return new Outbox(DEFAULT_KEY_FILE, DEFAULT_RETENTION_DAYS);
        }

        public Outbox {
            keyFile = keyFile == null ? DEFAULT_KEY_FILE : keyFile;
            retentionDays = retentionDays == null ? DEFAULT_RETENTION_DAYS : retentionDays;
        }
    }

    /**
     * Where and when this terminal takes releases from the operators (docs/updates.md).
     *
     * @param channel              the channel folder's http(s) URL
     * @param trustedKeys          operator public keys (PEM); two while a key is rotated
     * @param checkIntervalMinutes how often the channel is polled (the heartbeat's CHECK_UPDATE polls at once)
     * @param maintenanceWindow    local time {@code HH:MM-HH:MM} in which releases are installed (may span
     *                             midnight); an operator can force an installation outside it
     * @param healthTimeoutSeconds how long a new application release has to confirm its health
     * @param name                 the manifest's {@code channel} this terminal takes (default {@code stable});
     *                             a signed manifest of another channel is refused
     */
    public record Update(String channel, List<String> trustedKeys, Integer checkIntervalMinutes,
                         String maintenanceWindow, Integer healthTimeoutSeconds, String name) {

        /** Taking the {@code stable} channel. */
        public Update(String channel, List<String> trustedKeys, Integer checkIntervalMinutes, String maintenanceWindow,
                Integer healthTimeoutSeconds) {
            this(channel, trustedKeys, checkIntervalMinutes, maintenanceWindow, healthTimeoutSeconds, null);
        }

        public static final String WINDOW_PATTERN = "([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d";

        public Update {
            trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
            checkIntervalMinutes = checkIntervalMinutes == null ? 60 : checkIntervalMinutes;
            maintenanceWindow = maintenanceWindow == null ? "01:00-05:00" : maintenanceWindow;
            healthTimeoutSeconds = healthTimeoutSeconds == null ? 120 : healthTimeoutSeconds;
            name = name == null ? "stable" : name;
        }

        List<ConfigProblem> check(YamlDocument doc) {
            List<ConfigProblem> problems = new ArrayList<>();
            if (channel == null || !channel.matches("https?://.+")) {
                problems.add(doc.problem("/update/channel", "update.channel must be an http(s) URL, not '" + channel + "'"));
            } else if (remoteUrlProblem(channel) != null) {
                problems.add(doc.problem("/update/channel", "update.channel: " + remoteUrlProblem(channel)));
            }
            if (name.isBlank()) {
                problems.add(doc.problem("/update/name", "update.name must name the channel (e.g. stable)"));
            }
            if (trustedKeys.isEmpty()) {
                problems.add(doc.problem("/update/trustedKeys", "update.trustedKeys needs at least one operator public key file"));
            }
            for (int i = 0; i < trustedKeys.size(); i++) {
                if (trustedKeys.get(i) == null || trustedKeys.get(i).isBlank()) {
                    problems.add(doc.problem("/update/trustedKeys/" + i, "update.trustedKeys: an empty file name"));
                }
            }
            if (checkIntervalMinutes < 1 || checkIntervalMinutes > 1440) {
                problems.add(doc.problem("/update/checkIntervalMinutes", "update.checkIntervalMinutes must be 1..1440"));
            }
            if (!maintenanceWindow.matches(WINDOW_PATTERN)) {
                problems.add(doc.problem("/update/maintenanceWindow", "update.maintenanceWindow must be HH:MM-HH:MM "
                        + "(local time, e.g. 01:00-05:00), not '" + maintenanceWindow + "'"));
            }
            if (healthTimeoutSeconds < 10 || healthTimeoutSeconds > 600) {
                problems.add(doc.problem("/update/healthTimeoutSeconds", "update.healthTimeoutSeconds must be 10..600"));
            }
            return problems;
        }
    }

    /**
     * The panel, so touch targets can be sized in millimetres. Width and height are as the citizen sees
     * the picture: a portrait panel (higher than wide) gets the wheelchair (low) layout.
     *
     * @param reachTopPercent in portrait, the top part of the screen (percent of its height) that holds only
     *                        information, every control lying wholly below it; optional (default 40: on a
     *                        floor-standing 21.5" to 32" portrait kiosk that keeps controls under about 1.2 m,
     *                        the high forward reach of a seated person in ADA 308.2.1)
     * @param readerPosition  where the ID card reader (and the QR scanner beside it) is on this terminal, as the
     *                        citizen faces it: {@code bottom-left}, {@code bottom-right} or {@code below-screen};
     *                        the identify pictures are drawn there; optional (default bottom-right)
     * @param trayPosition    where the printed paper comes out, the same three places; optional (default below-screen)
     */
    public record Screen(int widthPx, int heightPx, double diagonalInches, Integer reachTopPercent,
                         String readerPosition, String trayPosition) {

        public static final int DEFAULT_REACH_TOP_PERCENT = 40;
        /** The places a device can have on the terminal's front, as kiosk.yaml spells them. */
        public static final List<String> POSITIONS = List.of("bottom-left", "bottom-right", "below-screen");

        public Screen {
            reachTopPercent = reachTopPercent == null ? DEFAULT_REACH_TOP_PERCENT : reachTopPercent;
            readerPosition = readerPosition == null ? "bottom-right" : readerPosition;
            trayPosition = trayPosition == null ? "below-screen" : trayPosition;
        }

        public Screen(int widthPx, int heightPx, double diagonalInches, Integer reachTopPercent) {
            this(widthPx, heightPx, diagonalInches, reachTopPercent, null, null);
        }

        public Screen(int widthPx, int heightPx, double diagonalInches) {
            this(widthPx, heightPx, diagonalInches, null);
        }

        public boolean portrait() {
            return heightPx > widthPx;
        }
    }

    /** What is wrong with a URL the terminal fetches from: not https, or plain http off this machine; or null. */
    private static String remoteUrlProblem(String url) {
        try {
            return Endpoints.problem(java.net.URI.create(url));
        } catch (IllegalArgumentException e) {
            return "'" + url + "' is not a valid URL";
        }
    }

    public Locale defaultLocale() {
        return Locale.forLanguageTag(locale);
    }

    /** Checks the values Jackson cannot: ranges, formats, what must be present. */
    List<ConfigProblem> check(YamlDocument doc) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (terminal == null || terminal.id() == null || terminal.id().isBlank()) {
            problems.add(doc.problem("/terminal", "terminal.id is missing (the terminal's code, e.g. YN-KM-GD-0001)"));
        } else if (!terminal.id().matches("[A-Za-z0-9-]{3,40}")) {
            problems.add(doc.problem("/terminal/id", "terminal.id '" + terminal.id()
                    + "' must be 3 to 40 letters, digits or dashes"));
        }
        if (terminal != null && terminal.profile() == null) {
            problems.add(doc.problem("/terminal", "terminal.profile is missing (HALL_KIOSK or BANK_STM)"));
        }
        if (terminal != null && !terminal.demo() && !Terminal.PRODUCTION.equals(terminal.mode())) {
            problems.add(doc.problem("/terminal/mode", "terminal.mode must be " + Terminal.PRODUCTION + " or "
                    + Terminal.DEMO + ", not '" + terminal.mode() + "'"));
        }
        if (locale == null || !(locale.equals("zh-CN") || locale.equals("en"))) {
            problems.add(doc.problem("/locale", "locale must be zh-CN or en, not '" + locale + "'"));
        }
        if (idle == null) {
            problems.add(doc.problem("/idle", "idle is missing"));
        } else {
            if (idle.warnAfterSeconds() < 5 || idle.warnAfterSeconds() > 600) {
                problems.add(doc.problem("/idle/warnAfterSeconds", "idle.warnAfterSeconds must be 5..600"));
            }
            if (idle.countdownSeconds() < 3 || idle.countdownSeconds() > 120) {
                problems.add(doc.problem("/idle/countdownSeconds", "idle.countdownSeconds must be 3..120"));
            }
            if (idle.elderlyFactor() < 2 || idle.elderlyFactor() > 5) {
                problems.add(doc.problem("/idle/elderlyFactor", "idle.elderlyFactor must be 2..5 (elderly mode at least doubles timeouts)"));
            }
        }
        if (dataDir == null || dataDir.isBlank()) {
            problems.add(doc.problem("/dataDir", "dataDir is missing"));
        }
        if (platform == null) {
            problems.add(doc.problem("/platform", "platform is missing"));
        } else {
            problems.addAll(platform.check(doc));
            if (platform.secretFile() == null || platform.secretFile().isBlank()) {
                problems.add(doc.problem("/platform/secretFile", "platform.secretFile is missing"));
            }
            if (platform.timeoutSeconds() < 1 || platform.timeoutSeconds() > 120) {
                problems.add(doc.problem("/platform/timeoutSeconds", "platform.timeoutSeconds must be 1..120"));
            }
            if (platform.syncIntervalSeconds() < 1 || platform.syncIntervalSeconds() > 3600) {
                problems.add(doc.problem("/platform/syncIntervalSeconds", "platform.syncIntervalSeconds must be 1..3600"));
            }
        }
        if (outbox != null) {
            if (outbox.keyFile().isBlank() || outbox.keyFile().endsWith("/")) {
                problems.add(doc.problem("/outbox/keyFile", "outbox.keyFile must name a file, not '"
                        + outbox.keyFile() + "'"));
            }
            if (outbox.retentionDays() < 1 || outbox.retentionDays() > 3650) {
                problems.add(doc.problem("/outbox/retentionDays", "outbox.retentionDays must be 1..3650"));
            }
        }
        if (update != null) {
            problems.addAll(update.check(doc));
        }
        if (voice != null) {
            problems.addAll(voice.check(doc));
        }
        if (fleet != null) {
            problems.addAll(fleet.check(doc));
        }
        if (screen == null) {
            problems.add(doc.problem("/screen", "screen is missing"));
        } else if (screen.widthPx() < 600 || screen.heightPx() < 600 || screen.diagonalInches() < 7
                || screen.diagonalInches() > 100) {
            problems.add(doc.problem("/screen", "screen needs widthPx and heightPx of at least 600 and diagonalInches 7..100"));
        } else if (screen.reachTopPercent() < 10 || screen.reachTopPercent() > 60) {
            problems.add(doc.problem("/screen/reachTopPercent", "screen.reachTopPercent must be 10..60 (the top part "
                    + "of a portrait screen kept free of controls for seated citizens), not " + screen.reachTopPercent()));
        }
        if (screen != null && !Screen.POSITIONS.contains(screen.readerPosition())) {
            problems.add(doc.problem("/screen/readerPosition", "screen.readerPosition must be one of "
                    + String.join(", ", Screen.POSITIONS) + ", not '" + screen.readerPosition() + "'"));
        }
        if (screen != null && !Screen.POSITIONS.contains(screen.trayPosition())) {
            problems.add(doc.problem("/screen/trayPosition", "screen.trayPosition must be one of "
                    + String.join(", ", Screen.POSITIONS) + ", not '" + screen.trayPosition() + "'"));
        }
        return problems;
    }
}
