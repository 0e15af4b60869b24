package org.tongban.kiosk;

import org.tongban.kiosk.cli.KioskCommand;
import picocli.CommandLine;

/** Entry point of {@code ./kiosk}: hands the command line to picocli. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(KioskCommand.commandLine().execute(args));
    }
}
