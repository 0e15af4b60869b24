package org.tongban.kiosk.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.app.ShellLauncher;
import org.tongban.kiosk.shell.DemoControls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk demo}: the whole kiosk on this machine, every device simulated, the platform simulator inside. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the kiosk in demo mode: full-screen shell, simulated devices, the platform "
                + "simulator on loopback, data in a temporary folder deleted on exit.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--windowed", description = "a desktop window instead of the full screen")
    boolean windowed;

    @Option(names = "--platform-port", description = "loopback port of the embedded platform simulator (default: any free)")
    int platformPort;

    @Option(names = "--screenshot", paramLabel = "PNG", description = "write a screenshot of the first screen")
    Path screenshot;

    @Option(names = "--exit-after", paramLabel = "SECONDS", description = "close by itself after this many seconds")
    Integer exitAfter;

    @Override
    public Integer call() throws Exception {
        try (Demo demo = new Demo(platformPort)) {
            System.out.println("kiosk: demo terminal " + demo.terminal().config().kiosk().terminal().id()
                    + ", platform simulator at " + demo.platform().baseUrl() + ", data in " + demo.home());
            ShellLauncher.show(demo.terminal(),
                    new ShellLauncher.Options(windowed, screenshot, exitAfter == null ? null : Duration.ofSeconds(exitAfter)),
                    m -> DemoControls.build(demo.controls(), m));
        }
        return 0;
    }
}
