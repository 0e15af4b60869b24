package org.tongban.kiosk.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.app.DemoFleet;
import org.tongban.kiosk.app.ShellLauncher;
import org.tongban.kiosk.platform.TerminalSecret;
import org.tongban.kiosk.shell.DemoControls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk demo}: the whole kiosk on this machine, every device simulated, the platform simulator inside. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the kiosk in demo mode: full-screen shell, simulated devices, the platform "
                + "simulator and the fleet server (console, fifty simulated terminals) on loopback, data in a "
                + "temporary folder deleted on exit.")
final class DemoCommand extends Subcommand {

    @Option(names = "--windowed", description = "a desktop window instead of the full screen")
    boolean windowed;

    @Option(names = "--platform-port", description = "loopback port of the embedded platform simulator (default: any free)")
    int platformPort;

    @Option(names = "--screenshot", paramLabel = "PNG", description = "write a screenshot of the first screen")
    Path screenshot;

    @Option(names = "--exit-after", paramLabel = "SECONDS", description = "close by itself after this many seconds")
    Integer exitAfter;

    @Option(names = "--platform", paramLabel = "URL",
            description = "talk to this platform instead of the embedded simulator (needs --secret-file)")
    String platform;

    @Option(names = "--secret-file", paramLabel = "F",
            description = "the HMAC-SM3 key for --platform: the file's text, surrounding whitespace trimmed, as UTF-8")
    Path secretFile;

    @Option(names = "--terminal-id", paramLabel = "ID", description = "this terminal's code (default: kiosk.yaml's)")
    String terminalId;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "keep the outbox here instead of a temporary folder deleted on exit")
    Path dataDir;

    @Option(names = "--no-fleet", description = "without the fleet server and its console beside the kiosk")
    boolean noFleet;

    @Override
    public Integer call() throws Exception {
        if (platform != null && secretFile == null) {
            err().println("kiosk: --platform needs --secret-file (the terminal secret that platform knows)");
            return ExitCode.BAD_INPUT;
        }
        byte[] secret = secretFile == null ? null : new TerminalSecret(secretFile).read();
        Demo.Overrides overrides = new Demo.Overrides(platform, secret, terminalId, dataDir);
        try (Demo demo = new Demo(platformPort, null, null, noFleet ? overrides : overrides.withFleet())) {
            out().println("kiosk: demo terminal " + demo.terminal().config().kiosk().terminal().id()
                    + ", platform at " + demo.terminal().config().kiosk().platform().url() + ", data in "
                    + demo.terminal().config().kiosk().dataDir());
            demo.fleet().ifPresent(f -> out().println("kiosk: fleet console at " + f.console() + " - log in as "
                    + DemoFleet.LOGIN + " with password " + f.password() + " (the demo kiosk is in the hall "
                    + DemoFleet.HALL + ", beside fifty simulated terminals)"));
            demo.fleetMissing().ifPresent(why -> err().println("kiosk: no fleet console in this demo: " + why));
            ShellLauncher.show(demo.terminal(),
                    new ShellLauncher.Options(windowed, screenshot, exitAfter == null ? null : Duration.ofSeconds(exitAfter)),
                    m -> DemoControls.build(demo.controls(), m));
        }
        return ExitCode.OK;
    }
}
