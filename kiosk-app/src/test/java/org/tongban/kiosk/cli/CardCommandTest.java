package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.devices.smartcard.EmulatedCards;
import org.tongban.devices.smartcard.VpcdCard;
import picocli.CommandLine;

/** {@code ./kiosk card read} against pcscd with the virtual reader and our card emulators in its slot. */
class CardCommandTest {

    private static final String VPCD = "Virtual PCD";

    private VpcdCard card;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void needTheStack() {
        Assumptions.assumeTrue(VpcdCard.stackAvailable(),
                "pcscd is not running or vsmartcard-vpcd is not installed (.ci/test sets both up)");
    }

    @AfterEach
    void takeTheCardOut() throws Exception {
        if (card != null) {
            card.close();
            for (CardTerminal t : TerminalFactory.getInstance("PC/SC", null).terminals().list()) {
                if (t.getName().startsWith(VPCD)) {
                    t.waitForCardAbsent(3000);
                }
            }
        }
    }

    private int run(String... args) {
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aBankCardAsJsonWithItsNumberMasked() throws Exception {
        card = new VpcdCard(VpcdCard.SLOT_0, EmulatedCards.ATR_T1, EmulatedCards.bankCard()).insert();
        assertThat(err.toString(), run("card", "read", "--reader", VPCD, "--json"), is(0));
        JsonNode j = JsonMapper.builder().build().readTree(out.toString());
        assertThat(j.get("cardType").asText(), equalTo("BANK"));
        assertThat(j.get("pan").asText(), equalTo("622848******1234"));
        assertThat(j.get("expiry").asText(), equalTo("2030-12"));
        assertThat(j.get("holderName").asText(), equalTo("ZHANG SAN/MR"));
        assertThat(out.toString(), not(containsString(EmulatedCards.PAN)));
        assertThat(err.toString(), is(emptyString()));
    }

    @Test
    void aSocialSecurityCardSaysWhatNeedsThePsam() throws Exception {
        card = new VpcdCard(VpcdCard.SLOT_0, EmulatedCards.ATR_T0, EmulatedCards.socialSecurityCard()).insert();
        assertThat(err.toString(), run("card", "read", "--reader", VPCD), is(0));
        assertThat(out.toString(), containsString("cardNumber     A12345678"));
        assertThat(out.toString(), containsString("issuingRegion  530100"));
        assertThat(out.toString(), containsString("needs the terminal's PSAM"));
    }

    @Test
    void aCardOfNeitherKind() throws Exception {
        card = new VpcdCard(VpcdCard.SLOT_0, EmulatedCards.ATR_T1, EmulatedCards.blankCard()).insert();
        assertThat(run("card", "read", "--reader", VPCD, "--json"), is(5));
        assertThat(out.toString(), is(emptyString()));
        assertThat(err.toString().lines().count(), is(1L));
        assertThat(err.toString(), containsString("neither a bank IC card nor a social security card"));
    }

    @Test
    void noCard() {
        assertThat(run("card", "read", "--reader", VPCD, "--timeout-ms", "400", "--json"), is(3));
        assertThat(out.toString(), is(emptyString()));
        assertThat(err.toString(), containsString("no card in the reader"));
    }

    @Test
    void noSuchReader() {
        assertThat(run("card", "read", "--reader", "Nonesuch 9000", "--json"), is(7));
        assertThat(out.toString(), is(emptyString()));
        assertThat(err.toString(), containsString("no smart card reader named 'Nonesuch 9000'"));
    }

    private static org.hamcrest.Matcher<String> not(org.hamcrest.Matcher<String> m) {
        return org.hamcrest.Matchers.not(m);
    }
}
