package org.tongban.kiosk.app;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.cli.KioskCommand;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.platformsim.PlatformSimulator;

/** The demo pointed at a platform of its own, with its own terminal id and a data folder that outlives it. */
class DemoOverridesTest {

    @TempDir
    Path dir;

    @Test
    void theDemoTalksToTheGivenPlatformAsTheGivenTerminalAndKeepsItsData() throws Exception {
        byte[] secret = "a-secret-for-this-test-only".getBytes(StandardCharsets.UTF_8);
        try (PlatformSimulator platform = new PlatformSimulator(0, Map.of("YN-TEST-0002", secret), "{}").start()) {
            Path data = dir.resolve("data");
            try (Demo demo = new Demo(0, null, null,
                    new Demo.Overrides(platform.baseUrl().toString(), secret, "YN-TEST-0002", data))) {
                assertThrows(IllegalStateException.class, demo::platform);
                assertThat(demo.controls().stream().noneMatch(a -> a.id().startsWith("platform")), is(true));
                until(() -> demo.terminal().sync().reachability().online());

                Navigator nav = demo.terminal().navigator();
                nav.touch();
                nav.openItem("HR-GUIDE-MOVE");
                ServiceFlow flow = nav.flow().orElseThrow();
                flow.proceed();
                flow.review(5, List.of());
                until(() -> platform.transactions().size() == 1);
                assertThat(platform.transactions().get(0).terminalId(), equalTo("YN-TEST-0002"));

                // a demo on a real platform has no well-known demo PINs: maintenance stays shut to them
                var maintenance = demo.terminal().maintenance();
                maintenance.requestEntry();
                Demo.TECHNICIAN_PIN.chars().forEach(c -> maintenance.digit(c - '0'));
                maintenance.submitPin();
                assertThat(maintenance.role().isPresent(), is(false));
            }
            assertThat(Files.exists(data.resolve(Terminal.OUTBOX_FILE)), is(true));
        }
    }

    @Test
    void aPlatformWithoutItsSecretIsRefusedBeforeAnythingStarts() {
        assertThrows(IllegalArgumentException.class,
                () -> new Demo.Overrides("http://127.0.0.1:1", null, null, null));
        assertThat(KioskCommand.commandLine().execute("demo", "--platform", "http://127.0.0.1:1"), equalTo(2));
    }
}
