package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** An exception a command does not catch ends as one line on stderr and a named exit code, never a stack trace. */
class OneLineErrorsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(CommandLine cli, String... args) {
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        Exception failure;

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private int boom(Exception failure) {
        Boom command = new Boom();
        command.failure = failure;
        OneLineErrors errors = new OneLineErrors();
        return run(new CommandLine(command).setExecutionExceptionHandler(errors).setExitCodeExceptionMapper(errors));
    }

    @Test
    void aMissingFileOfTheUsersIsBadInputInOneLine() {
        Path secret = dir.resolve("no-such-folder").resolve("platform.secret");

        int exit = run(KioskCommand.commandLine(), "platform-sim", "--port", "0", "--secret-file", secret.toString());

        assertThat(exit, is(ExitCode.BAD_INPUT));
        assertThat(err.toString(), is("kiosk platform-sim: no such file or folder: " + secret + System.lineSeparator()));
    }

    @Test
    void anythingElseIsAFailureWithItsMessage() {
        assertThat(boom(new IllegalStateException("the outbox is locked by another process")), is(ExitCode.FAILED));
        assertThat(err.toString(), is("boom: the outbox is locked by another process" + System.lineSeparator()));
        assertThat(err.toString(), not(containsString("\tat ")));
    }

    @Test
    void aConfigurationProblemIsBadInputOneLineAProblem() {
        ConfigException problems = new ConfigException(List.of(
                new ConfigProblem(Path.of("kiosk.yaml"), 3, "terminal.id is missing"),
                new ConfigProblem(Path.of("devices.yaml"), 7, "unknown driver 'x'")));

        assertThat(boom(problems), is(ExitCode.BAD_INPUT));
        assertThat(err.toString().lines().toList(), is(List.of("boom: the configuration has problems:",
                "  " + problems.problems().get(0), "  " + problems.problems().get(1))));
    }

    @Test
    void aCommandLeavesItsConfigurationProblemsToTheHandler() throws Exception {
        Path config = ShippedConfig.extract(dir.resolve("config")).dir();
        Files.writeString(config.resolve("kiosk.yaml"), "terminal: [not, a, mapping\n");

        int exit = run(KioskCommand.commandLine(), "sync", "--config", config.toString(), "--timeout", "1");

        assertThat(exit, is(ExitCode.BAD_INPUT));
        assertThat(err.toString(), startsWith("kiosk sync: the configuration has problems:" + System.lineSeparator()
                + "  " + config.resolve("kiosk.yaml")));
        assertThat(err.toString(), not(containsString("\tat ")));
    }
}
