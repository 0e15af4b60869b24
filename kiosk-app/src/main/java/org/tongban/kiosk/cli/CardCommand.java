package org.tongban.kiosk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tongban.devices.DeviceException;
import org.tongban.devices.smartcard.BankCard;
import org.tongban.devices.smartcard.BankCardApplication;
import org.tongban.devices.smartcard.PcscSmartCardReader;
import org.tongban.devices.smartcard.SmartCard;
import org.tongban.devices.smartcard.SocialSecurityCard;
import org.tongban.devices.smartcard.SocialSecurityCardApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk card ...}: the contact IC card reader (PC/SC), for technicians and scripted checks. */
@Command(name = "card", description = "Work with the contact IC card reader (PC/SC): bank and social security cards.",
        subcommands = {CardCommand.Read.class})
final class CardCommand extends CommandGroup {

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Read the card in the reader: a bank IC card's number (masked), expiry and holder, or a "
                    + "social security card's public card face.",
            footer = {"", "Exit codes: 0 card read; 3 no card; 4 timeout; 5 a card this command cannot read; "
                    + "6 a garbled answer from the card; 7 no reader or PC/SC service not running; 1 anything else. "
                    + "On failure nothing is printed on stdout and one line on stderr says what went wrong."})
    static final class Read extends Subcommand {

        @Option(names = "--reader", paramLabel = "NAME",
                description = "the PC/SC reader name or its beginning (default: the first reader)")
        String reader;

        @Option(names = "--timeout-ms", paramLabel = "MS", description = "how long to wait for a card "
                + "(default: ${DEFAULT-VALUE})")
        long timeoutMs = 5000;

        @Option(names = "--json", description = "print the card as one JSON object")
        boolean json;

        @Override
        public Integer call() {
            if (timeoutMs <= 0) {
                err().println("card read: --timeout-ms must be positive");
                return ExitCode.BAD_INPUT;
            }
            Duration timeout = Duration.ofMillis(timeoutMs);
            try (PcscSmartCardReader device = new PcscSmartCardReader("card", reader, Duration.ZERO)) {
                device.openClaimEnable(Duration.ofSeconds(1));
                SmartCard card = device.connect(timeout);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("reader", device.readerName());
                m.put("atr", card.atrHex());
                m.put("protocol", card.protocol().name());
                Optional<BankCard> bank = new BankCardApplication(device, timeout).read();
                if (bank.isPresent()) {
                    BankCard b = bank.get();
                    m.put("cardType", "BANK");
                    m.put("aid", b.aid());
                    m.put("label", b.label());
                    m.put("pan", b.maskedPan());
                    m.put("expiry", b.expiry() == null ? null : b.expiry().toString());
                    m.put("holderName", b.holderName());
                } else {
                    SocialSecurityCard s = new SocialSecurityCardApplication(device, timeout).read()
                            .orElseThrow(() -> new DeviceException(DeviceException.Reason.INVALID_DATA,
                                    "the card is neither a bank IC card nor a social security card (ATR "
                                            + card.atrHex() + ")"));
                    m.put("cardType", "SOCIAL_SECURITY");
                    m.put("cardNumber", s.cardNumber());
                    m.put("issuingRegion", s.issuingRegion());
                    m.put("specVersion", s.specVersion());
                    m.put("issueDate", s.issueDate() == null ? null : s.issueDate().toString());
                    m.put("validTo", s.validTo() == null ? null : s.validTo().toString());
                    m.put("needsPsam", s.needsPsam());
                }
                device.disconnect(timeout);
                out().print(json ? toJson(m) : toText(m));
                out().flush();
                return ExitCode.OK;
            } catch (DeviceException e) {
                err().println("card read failed: " + e.getMessage());
                return ExitCode.ofCardRead(e.reason());
            }
        }

        private static String toJson(Map<String, Object> m) {
            try {
                return JsonMapper.builder().build().writeValueAsString(m) + System.lineSeparator();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of strings is always JSON", e);
            }
        }

        private static String toText(Map<String, Object> m) {
            StringBuilder b = new StringBuilder();
            m.forEach((k, v) -> {
                if (v instanceof List<?> l) {
                    b.append(String.format("%-14s %s (not read: needs the terminal's PSAM)%n", k, String.join(", ",
                            l.stream().map(String::valueOf).toList())));
                } else if (v != null) {
                    b.append(String.format("%-14s %s%n", k, v));
                }
            });
            return b.toString();
        }
    }
}
