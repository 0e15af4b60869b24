package org.tongban.kiosk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tongban.devices.DeviceException;
import org.tongban.devices.idcard.CardPhotos;
import org.tongban.devices.idcard.IdCard;
import org.tongban.devices.idcard.SamIdCardReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk idcard ...}: the ID card reader, for technicians and scripted checks. */
@Command(name = "idcard", description = "Work with a second-generation ID card reader (SAM protocol).",
        subcommands = {IdCardCommand.Read.class})
final class IdCardCommand extends CommandGroup {

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Read the card on the reader: resident ID card, foreign permanent resident ID card (I) or "
                    + "HMT residence permit (J).",
            footer = {"", "Exit codes: 0 card read; 3 no card; 4 the reader did not answer in time; 5 the card's data "
                    + "fails a check or the card type is unsupported; 6 a garbled answer from the reader; "
                    + "7 reader not connected; 1 anything else. On failure nothing is printed on stdout and one line "
                    + "on stderr says what went wrong."})
    static final class Read extends Subcommand {

        @Option(names = "--port", required = true, paramLabel = "PATH",
                description = "the reader's serial port, e.g. /dev/ttyUSB0")
        String port;

        @Option(names = "--baud", description = "line speed (default: ${DEFAULT-VALUE})")
        int baud = 115200;

        @Option(names = "--timeout-ms", paramLabel = "MS",
                description = "how long to wait for a card (default: ${DEFAULT-VALUE})")
        long timeoutMs = 5000;

        @Option(names = "--fingerprint", description = "also read the fingerprint data (readers with a fingerprint licence)")
        boolean fingerprint;

        @Option(names = "--json", description = "print the card as one JSON object")
        boolean json;

        private final Clock clock = Clock.systemDefaultZone();

        @Override
        public Integer call() {
            SamIdCardReader.Settings settings;
            try {
                settings = SamIdCardReader.Settings.defaults(port).withBaud(baud).withFingerprint(fingerprint)
                        .withPollInterval(Duration.ZERO);
                if (timeoutMs <= 0) {
                    throw new IllegalArgumentException("--timeout-ms must be positive");
                }
            } catch (IllegalArgumentException e) {
                err().println("idcard read: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            IdCard card = null;
            try (SamIdCardReader reader = new SamIdCardReader("idcard", settings)) {
                reader.openClaimEnable(Duration.ofSeconds(1));
                card = reader.read(Duration.ofMillis(timeoutMs));
                String text = json ? toJson(card) : toText(card);
                out().print(text);
                out().flush();
                return ExitCode.OK;
            } catch (DeviceException e) {
                err().println("idcard read failed: " + e.getMessage());
                return ExitCode.ofCardRead(e.reason());
            } finally {
                if (card != null) {
                    card.wipe();
                }
            }
        }

        private Map<String, Object> fields(IdCard c) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cardType", c.cardType().name());
            m.put("name", c.cardType() == IdCard.CardType.FOREIGN_PERMANENT_RESIDENT ? c.englishName() : c.name());
            m.put("sex", c.sex().name());
            m.put("birthDate", c.birthDate().toString());
            m.put("idNumber", c.idNumber());
            m.put("validFrom", c.validFrom().toString());
            m.put("validTo", c.longTerm() ? "LONG_TERM" : c.validTo().toString());
            m.put("expired", c.expiredOn(LocalDate.now(clock)));
            switch (c.cardType()) {
                case RESIDENT_ID -> {
                    m.put("ethnicity", c.ethnicity().map(e -> e.chineseName()).orElse(null));
                    m.put("ethnicityCode", c.ethnicityCode());
                    m.put("address", c.address());
                    m.put("issuingAuthority", c.issuer());
                }
                case FOREIGN_PERMANENT_RESIDENT -> {
                    m.put("englishName", c.englishName());
                    m.put("nationality", c.nationality());
                    m.put("chineseName", c.name());
                    m.put("issuingAuthorityCode", c.issuer());
                }
                case HMT_RESIDENCE_PERMIT -> {
                    m.put("address", c.address());
                    m.put("issuingAuthority", c.issuer());
                    m.put("passNumber", c.passNumber());
                    m.put("issueCount", c.issueCount());
                }
            }
            m.put("photoBytes", c.photoWlt() == null ? 0 : c.photoWlt().length);
            if (c.fingerprint() != null) {
                m.put("fingerprintBytes", c.fingerprint().length);
            }
            return m;
        }

        private String toJson(IdCard c) {
            try {
                return JsonMapper.builder().build().writeValueAsString(fields(c)) + System.lineSeparator();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of strings is always JSON", e);
            }
        }

        private String toText(IdCard c) {
            StringBuilder b = new StringBuilder();
            fields(c).forEach((k, v) -> {
                if (v != null) {
                    b.append(String.format("%-20s %s%n", k, v));
                }
            });
            b.append(String.format("%-20s %s%n", "photo", "WLT format; " + CardPhotos.installed().describe()));
            return b.toString();
        }
    }
}
