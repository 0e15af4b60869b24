package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.app.ShippedConfig;
import picocli.CommandLine;

/** The operator's and the terminal's update commands, exactly as scripts outside the project call them. */
class UpdateCommandsTest {

    @TempDir
    Path home;

    private HttpServer server;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void serveChannel() throws Exception {
        Path channel = home.resolve("channel");
        Files.createDirectories(channel);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        server.createContext("/", ex -> {
            try (ex) {
                Path f = channel.resolve(ex.getRequestURI().getPath().substring(1));
                if (!Files.isRegularFile(f)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] b = Files.readAllBytes(f);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void keygenBuildCheckApplyStatusRollback() throws Exception {
        Path keys = home.resolve("keys");
        assertThat(run("bundle", "keygen", "--out", keys.toString()), equalTo(0));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("operator.key"))),
                equalTo("rw-------"));
        assertThat(Files.readString(keys.resolve("operator.key")), containsString("-----BEGIN PRIVATE KEY-----"));
        assertThat(Files.readString(keys.resolve("operator.pub")), containsString("-----BEGIN PUBLIC KEY-----"));
        assertThat(run("bundle", "keygen", "--out", keys.toString()), equalTo(1));
        assertThat(err.toString(), containsString("not overwriting"));

        Path config = ShippedConfig.extract(home.resolve("config")).dir();
        Path channel = home.resolve("channel");
        assertThat(run("bundle", "build", "--channel", channel.toString(), "--version", "1.0.1", "--sequence", "2",
                "--key", keys.resolve("operator.key").toString(), "--config", config.toString(),
                "--catalog", config.resolve("catalog").toString(), "--rollout", "100", "--expires-in-days", "7"),
                equalTo(0));

        Path data = home.resolve("data");
        String[] terminal = {"--channel", url(), "--trust", keys.resolve("operator.pub").toString(),
                "--data-dir", data.toString(), "--config", config.toString()};
        assertThat(run(concat(new String[] {"update", "check", "--json"}, terminal)), equalTo(0));
        JsonNode check = new ObjectMapper().readTree(out.toString());
        assertThat(check.path("sequence").asLong(), equalTo(2L));
        assertThat(check.path("inRollout").asBoolean(), is(true));
        assertThat(check.path("action").asText(), equalTo("would install"));

        assertThat(run(concat(new String[] {"update", "apply", "--json"}, terminal)), equalTo(0));
        assertThat(new ObjectMapper().readTree(out.toString()).path("action").asText(), equalTo("installed"));
        assertThat(run("update", "status", "--data-dir", data.toString()), equalTo(0));
        assertThat(out.toString(), containsString("installed: 1.0.1 (sequence 2)"));
        assertThat(run("update", "rollback", "--data-dir", data.toString()), equalTo(1)); // nothing before it

        // a tampered manifest: non-zero exit with the reason
        Path manifest = channel.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("1.0.1", "1.0.9"));
        assertThat(run(concat(new String[] {"update", "check"}, terminal)), equalTo(ExitCode.FAILED));
        assertThat(err.toString(), containsString("BAD_SIGNATURE"));
    }

    @Test
    void anInvalidConfigurationIsRefusedWithFileAndLine() throws Exception {
        Path keys = home.resolve("keys");
        run("bundle", "keygen", "--out", keys.toString());
        Path config = ShippedConfig.extract(home.resolve("config")).dir();
        Path kiosk = config.resolve("kiosk.yaml");
        Files.writeString(kiosk, Files.readString(kiosk).replace("countdownSeconds: 20", "countdownSeconds: 999"));
        assertThat(run("bundle", "build", "--channel", home.resolve("channel").toString(), "--version", "1.0.2",
                "--sequence", "3", "--key", keys.resolve("operator.key").toString(), "--config", config.toString()),
                equalTo(1));
        assertThat(err.toString(), containsString("kiosk.yaml:"));
        assertThat(err.toString(), containsString("idle.countdownSeconds must be 3..120"));
        assertThat(Files.exists(home.resolve("channel").resolve("manifest.json")), is(false));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
