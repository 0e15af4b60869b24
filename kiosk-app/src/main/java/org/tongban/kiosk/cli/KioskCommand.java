package org.tongban.kiosk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./kiosk}: the one command line for citizens' terminals, technicians and scripts. */
@Command(name = "kiosk", mixinStandardHelpOptions = true, versionProvider = KioskCommand.Version.class,
        description = "Tongban (通办) self-service terminal.",
        subcommands = {DemoCommand.class, RunCommand.class, ConfigCommand.class, CatalogCommand.class,
                PlatformSimCommand.class, PrintCommand.class, IdCardCommand.class, CardCommand.class,
                SessionsCommand.class, SyncCommand.class, OutboxCommand.class, JournalCommand.class,
                DoctorCommand.class, AdminCommand.class, BundleCommand.class, UpdateCommand.class, LaunchCommand.class,
                QrCommand.class, FaceCommand.class, DocumentCommand.class, ScanCommand.class, VoiceCommand.class,
                AccessibilityCommand.class,
                CommandLine.HelpCommand.class})
public final class KioskCommand extends CommandGroup {

    public static CommandLine commandLine() {
        OneLineErrors errors = new OneLineErrors();
        return new CommandLine(new KioskCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors).setExitCodeExceptionMapper(errors);
    }

    /** The version Maven put in the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Tongban " + version()};
        }

        static String version() {
            String v = KioskCommand.class.getPackage().getImplementationVersion();
            return v == null ? "development" : v;
        }
    }
}
