package org.tongban.kiosk.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.tongban.kiosk.admin.PinHash;
import org.tongban.kiosk.admin.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk admin ...}: tools for whoever sets a terminal up. */
@Command(name = "admin", description = "Set up maintenance access.", subcommands = {AdminCommand.PinHashCommand.class})
final class AdminCommand extends CommandGroup {

    @Command(name = "pin-hash", mixinStandardHelpOptions = true,
            description = "Read a maintenance PIN (6 to 12 digits) twice and print the maintenance.yaml entry "
                    + "with its salted PBKDF2 hash. The PIN is never printed or stored.")
    static final class PinHashCommand extends Subcommand {

        @Option(names = "--role", required = true, description = "OPERATOR or TECHNICIAN")
        Role role;

        @Option(names = "--label", required = true, description = "names the PIN in the journal, e.g. tech-1 (not a person's name)")
        String label;

        @Override
        public Integer call() throws IOException {
            if (!label.matches("[a-z][a-z0-9-]{0,31}")) {
                err().println("admin: --label must be lower-case letters, digits or dashes");
                return ExitCode.BAD_INPUT;
            }
            String pin = read("PIN: ");
            String again = read("PIN again: ");
            if (pin == null || !pin.equals(again)) {
                err().println("admin: the two PINs differ; nothing printed");
                return ExitCode.FAILED;
            }
            try {
                String hash = PinHash.create(pin, new SecureRandom());
                out().println("  - label: " + label);
                out().println("    role: " + role);
                out().println("    hash: \"" + hash + "\"");
                return ExitCode.OK;
            } catch (IllegalArgumentException e) {
                err().println("admin: " + e.getMessage());
                return ExitCode.FAILED;
            }
        }

        /** From the terminal without echo; from a pipe (scripts, tests) one line at a time. */
        private String read(String prompt) throws IOException {
            Console c = System.console();
            if (c != null) {
                char[] p = c.readPassword(prompt);
                return p == null ? null : new String(p);
            }
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            String line = stdin.readLine();
            return line == null ? null : line.strip();
        }

        private BufferedReader stdin;
    }
}
