package org.tongban.devices.idcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceSpec;

/** What a technician writes in devices.yaml for the sam-serial driver, and what a typo there gives. */
class SamIdCardReaderSettingsTest {

    private static DeviceSpec spec(String port, Map<String, String> options) {
        return new DeviceSpec("idcard", DeviceClass.ID_CARD_READER, SamIdCardReader.DRIVER, port, options, true);
    }

    @Test
    void optionsAreRead() throws DeviceException {
        SamIdCardReader.Settings s = SamIdCardReader.Settings.of(spec("/dev/ttyUSB0",
                Map.of("baud", "9600", "fingerprint", "true", "answerTimeoutMs", "1500", "pollMs", "0")));
        assertThat(s.baud(), is(9600));
        assertThat(s.fingerprint(), is(true));
        assertThat(s.answerTimeout(), equalTo(Duration.ofMillis(1500)));
        assertThat(s.pollInterval(), equalTo(Duration.ZERO));
        assertThat(SamIdCardReader.Settings.of(spec("/dev/ttyUSB0", Map.of())).baud(), is(115200));
    }

    @Test
    void mistakesAreNamed() {
        assertThat(assertThrows(DeviceException.class, () -> SamIdCardReader.Settings.of(spec(null, Map.of())))
                .getMessage(), containsString("idcard (sam-serial ID_CARD_READER): the reader needs a port"));
        assertThat(assertThrows(DeviceException.class,
                () -> SamIdCardReader.Settings.of(spec("/dev/ttyUSB0", Map.of("baud", "fast")))).getMessage(),
                containsString("baud must be a whole number, got 'fast'"));
        assertThat(assertThrows(DeviceException.class,
                () -> SamIdCardReader.Settings.of(spec("/dev/ttyUSB0", Map.of("fingerprint", "yes")))).getMessage(),
                containsString("fingerprint must be true or false"));
    }

    @Test
    void theSamIdIsPrintedAsVendorsDo() throws DeviceException {
        assertThat(SamIdCardReader.formatSamId(ReaderEmulator.SAM_ID), equalTo(ReaderEmulator.SAM_ID_TEXT));
        assertThrows(DeviceException.class, () -> SamIdCardReader.formatSamId(new byte[3]));
    }
}
