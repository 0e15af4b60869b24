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
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.idcard.CardText;
import org.tongban.devices.idcard.ReaderEmulator;
import org.tongban.devices.idcard.SocatPty;
import picocli.CommandLine;

/** {@code ./kiosk idcard read} against the reader emulator on a real pty, as a technician or a script runs it. */
class IdCardCommandTest {

    @TempDir
    Path dir;

    private ReaderEmulator emulator;
    private SocatPty pty;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void plugIn() throws Exception {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (.ci/test installs it)");
        emulator = new ReaderEmulator(115200);
        pty = SocatPty.start(dir.resolve("ttyIDCARD"), emulator.tcpPort());
    }

    @AfterEach
    void unplug() throws Exception {
        if (pty != null) {
            pty.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private int run(String... args) {
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private JsonNode readJson() throws Exception {
        int code = run("idcard", "read", "--port", pty.link().toString(), "--timeout-ms", "2000", "--json");
        assertThat(err.toString(), code, is(0));
        assertThat(err.toString(), is(emptyString()));
        assertThat(out.toString().lines().count(), is(1L));
        return JsonMapper.builder().build().readTree(out.toString());
    }

    @Test
    void aResidentIdCardAsJson() throws Exception {
        emulator.place(CardText.resident().bytes(), CardText.photo());
        JsonNode j = readJson();
        assertThat(j.get("cardType").asText(), equalTo("RESIDENT_ID"));
        assertThat(j.get("name").asText(), equalTo("张三"));
        assertThat(j.get("sex").asText(), equalTo("MALE"));
        assertThat(j.get("birthDate").asText(), equalTo("1949-12-31"));
        assertThat(j.get("idNumber").asText(), equalTo("11010519491231002X"));
        assertThat(j.get("validFrom").asText(), equalTo("2020-01-01"));
        assertThat(j.get("validTo").asText(), equalTo("2040-01-01"));
        assertThat(j.get("expired").asBoolean(), is(false));
        assertThat(j.get("ethnicity").asText(), equalTo("汉"));
        assertThat(j.get("ethnicityCode").asText(), equalTo("01"));
        assertThat(j.get("address").asText(), equalTo("北京市朝阳区示例路1号"));
        assertThat(j.get("issuingAuthority").asText(), equalTo("北京市公安局朝阳分局"));
    }

    @Test
    void aForeignPermanentResidentCardAsJson() throws Exception {
        emulator.place(CardText.foreign().bytes(), CardText.photo());
        JsonNode j = readJson();
        assertThat(j.get("cardType").asText(), equalTo("FOREIGN_PERMANENT_RESIDENT"));
        assertThat(j.get("name").asText(), equalTo("SMITH, JOHN ALEXANDER"));
        assertThat(j.get("englishName").asText(), equalTo("SMITH, JOHN ALEXANDER"));
        assertThat(j.get("chineseName").asText(), equalTo("史密斯"));
        assertThat(j.get("nationality").asText(), equalTo("USA"));
        assertThat(j.get("idNumber").asText(), equalTo("USA110019900101"));
        assertThat(j.get("birthDate").asText(), equalTo("1990-01-01"));
    }

    @Test
    void anHmtResidencePermitAsJson() throws Exception {
        emulator.place(CardText.hmt().bytes(), CardText.photo());
        JsonNode j = readJson();
        assertThat(j.get("cardType").asText(), equalTo("HMT_RESIDENCE_PERMIT"));
        assertThat(j.get("sex").asText(), equalTo("FEMALE"));
        assertThat(j.get("validTo").asText(), equalTo("LONG_TERM"));
        assertThat(j.get("expired").asBoolean(), is(false));
        assertThat(j.get("passNumber").asText(), equalTo("H12345678"));
        assertThat(j.get("issueCount").asText(), equalTo("03"));
        assertThat(j.get("address").asText(), equalTo("广东省深圳市福田区示例路2号"));
        assertThat(j.get("issuingAuthority").asText(), equalTo("深圳市公安局"));
    }

    @Test
    void anExpiredCardIsReadAndSaysSo() throws Exception {
        emulator.place(CardText.resident().put(188, 16, "20000101").put(204, 16, "20200101").bytes(), CardText.photo());
        assertThat(readJson().get("expired").asBoolean(), is(true));
    }

    @Test
    void withoutJsonTheFieldsAreListedForATechnician() {
        emulator.place(CardText.resident().bytes(), CardText.photo());
        assertThat(run("idcard", "read", "--port", pty.link().toString()), is(0));
        assertThat(out.toString(), containsString("ethnicity            汉"));
        assertThat(out.toString(), containsString("card photo is unavailable"));
    }

    private void assertFails(int code, String message, String... args) {
        assertThat(run(args), is(code));
        assertThat(out.toString(), is(emptyString()));
        assertThat(err.toString().lines().count(), is(1L));
        assertThat(err.toString(), containsString(message));
    }

    @Test
    void noCard() {
        assertFails(3, "no card on the reader", "idcard", "read", "--port", pty.link().toString(),
                "--timeout-ms", "500", "--json");
    }

    @Test
    void aChecksumError() {
        emulator.place(CardText.resident().bytes(), CardText.photo());
        emulator.nextAnswer(new ReaderEmulator.Fault.None()); // status at open
        emulator.nextAnswer(new ReaderEmulator.Fault.None()); // SAM id at open
        emulator.nextAnswer(new ReaderEmulator.Fault.BadChecksum());
        assertFails(6, "checksum error", "idcard", "read", "--port", pty.link().toString(), "--json");
    }

    @Test
    void aSilentReader() {
        emulator.nextAnswer(new ReaderEmulator.Fault.Silent());
        assertFails(4, "did not answer 'reader status' within", "idcard", "read", "--port", pty.link().toString(),
                "--json");
    }

    @Test
    void aBadCheckDigit() {
        emulator.place(CardText.resident().put(122, 36, "110105194912310021").bytes(), CardText.photo());
        assertFails(5, "check digit of the ID number is wrong", "idcard", "read", "--port", pty.link().toString(),
                "--json");
        assertThat(err.toString(), not(containsString("110105")));
    }

    @Test
    void aDateThatIsNoDate() {
        emulator.place(CardText.resident().put(204, 16, "20400231").bytes(), CardText.photo());
        assertFails(5, "valid-to date is not a real calendar date", "idcard", "read", "--port",
                pty.link().toString(), "--json");
    }

    @Test
    void anUnsupportedCardType() {
        emulator.place(CardText.resident().put(248, 2, "Y").bytes(), CardText.photo());
        assertFails(5, "unsupported card type 'Y'", "idcard", "read", "--port", pty.link().toString(), "--json");
    }

    @Test
    void aPortThatIsNotThere() {
        assertFails(7, "does not exist", "idcard", "read", "--port", dir.resolve("ttyNONE").toString(), "--json");
    }

    private static org.hamcrest.Matcher<String> not(org.hamcrest.Matcher<String> m) {
        return org.hamcrest.Matchers.not(m);
    }
}
