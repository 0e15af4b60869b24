package org.tongban.kiosk.doctor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DriverCatalog;
import org.tongban.kiosk.config.DevicesConfig;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformSettings;
import org.tongban.kiosk.voice.EspeakEngine;
import org.tongban.kiosk.voice.PromptCache;
import org.tongban.kiosk.voice.SoundCard;
import org.tongban.kiosk.voice.VoiceGuide;
import org.tongban.printing.CjkFonts;

/** Runs a list of checks and answers whether the terminal may serve (every required check OK). */
public final class Doctor {

    private final List<Check> checks;

    public Doctor(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The fleet section's secret: without it the terminal runs, but nothing reaches the fleet server. */
    static Check fleetSecret(KioskConfig k) {
        return () -> {
            try {
                org.tongban.kiosk.fleet.FleetSettings.of(k.fleet(), k.terminal().id());
                return Finding.ok("fleet", "fleet secret " + k.fleet().secretFile() + " readable; heartbeat to "
                        + k.fleet().url());
            } catch (java.io.IOException | RuntimeException e) {
                return Finding.fail("fleet", "fleet secret cannot be used: " + e.getMessage(),
                        "put the file ./fleet terminals import wrote for " + k.terminal().id() + " at fleet.secretFile "
                                + "(one hex line, mode 600, owner the kiosk user)", false);
            }
        };
    }

    /**
     * The standard checks of a configured terminal: each device, the platform, disk space, the data
     * folder, fonts, the face detector's models when the face camera is configured, and voice guidance.
     *
     * @param secret the terminal secret, or null when it could not be read ({@code secretProblem} says why)
     */
    public static List<Check> standardChecks(TerminalConfig config, byte[] secret, String secretProblem,
                                             DriverCatalog drivers, CjkFonts fonts, Clock clock, String version) {
        KioskConfig k = config.kiosk();
        List<Check> checks = new ArrayList<>();
        for (DeviceSpec spec : config.devices()) {
            checks.add(new DeviceCheck(spec, drivers, Duration.ofSeconds(5)));
        }
        if (secret == null) {
            checks.add(PlatformCheck.unreadableSecret(k.platform().secretFile(), secretProblem));
        } else {
            try {
                PlatformClient client = new PlatformClient(PlatformSettings.of(k, secret), clock);
                Heartbeat hb = new Heartbeat(k.terminal().id(), Heartbeat.Profile.valueOf(k.terminal().profile().name()),
                        version, "doctor", 0, 0, null, List.of());
                checks.add(new PlatformCheck(client, hb, clock, k.platform().url()));
            } catch (IllegalArgumentException e) {
                // A CA bundle or client certificate that cannot be read: the link cannot even be tried.
                checks.add(PlatformCheck.unusableTls(e.getMessage()));
            }
        }
        if (k.fleet() != null) {
            checks.add(fleetSecret(k));
        }
        Path data = Path.of(k.dataDir());
        checks.add(StorageChecks.diskSpace(data));
        checks.add(StorageChecks.dataDirectory(data));
        checks.add(new JournalCheck(data.resolve(org.tongban.kiosk.journal.Journal.DIR), clock));
        checks.add(FileChecks.fonts(fonts));
        config.devices().stream()
                .filter(d -> d.deviceClass() == DeviceClass.CAMERA && d.name().equals(DevicesConfig.FACE_CAMERA))
                .findFirst().ifPresent(d -> checks.add(FileChecks.faceDetector(d.options())));
        if (k.voiceOrDefaults().enabled()) {
            EspeakEngine engine = new EspeakEngine();
            checks.add(new VoiceCheck(engine, new SoundCard(), new PromptCache(k.voiceCacheDir(), engine),
                    VoiceGuide.fixedPrompts()));
        }
        return checks;
    }

    public List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        for (Check c : checks) {
            try {
                out.add(c.run());
            } catch (RuntimeException e) {
                out.add(Finding.fail(c.getClass().getSimpleName(), "the check itself failed: " + e,
                        "report this with the log", false));
            }
        }
        return out;
    }

    /** Exit 0 only when nothing required failed. */
    public static boolean healthy(List<Finding> findings) {
        return findings.stream().noneMatch(f -> f.level() == Finding.Level.FAIL && f.required());
    }
}
