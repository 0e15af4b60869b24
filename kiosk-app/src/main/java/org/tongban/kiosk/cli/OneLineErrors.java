package org.tongban.kiosk.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * What becomes of an exception a command does not catch itself: one line on stderr naming the command and what
 * went wrong (one more a configuration problem) (no stack trace: the user cannot act on it; it goes to the log at DEBUG), and an {@link ExitCode}
 * by the kind of failure: a file or configuration the user named is bad input, anything else a failure.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    private static final Logger log = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + describe(e));
        command.getErr().flush();
        log.debug("{} failed", name, e);
        return getExitCode(e);
    }

    @Override
    public int getExitCode(Throwable t) {
        return t instanceof ConfigException || t instanceof NoSuchFileException || t instanceof AccessDeniedException
                || t instanceof FileAlreadyExistsException ? ExitCode.BAD_INPUT : ExitCode.FAILED;
    }

    private static String describe(Exception e) {
        if (e instanceof ConfigException c) { // one line a problem, FILE:LINE: what is wrong
            return "the configuration has problems:" + System.lineSeparator() + "  " + String.join(
                    System.lineSeparator() + "  ", c.problems().stream().map(Object::toString).toList());
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + " cannot be read or written (permission denied)";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " already exists";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
