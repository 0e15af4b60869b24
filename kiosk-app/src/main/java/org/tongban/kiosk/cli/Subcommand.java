package org.tongban.kiosk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that does something, answering an {@link ExitCode}: the output (for scripts: text or JSON) and
 * the errors (one line, what failed and why) go to picocli's writers, so a test can read them. What a command
 * does not catch, {@link OneLineErrors} turns into one line and an exit code.
 */
abstract class Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** {@code value} as indented JSON on the output. */
    void printJson(Object value) throws JsonProcessingException {
        out().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }
}
