package org.tongban.devices.smartcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.Provider;
import java.time.Duration;
import java.util.List;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import javax.smartcardio.TerminalFactorySpi;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;

/**
 * Without pcscd, the JDK's TerminalFactory.getDefault() quietly hands out a factory of type "None" that lists
 * no readers. The driver must say the service is not running, not that there are no readers.
 */
class PcscServiceMissingTest {

    /** What getDefault() gives without pcscd: a factory of type "None" with no terminals. */
    public static final class NoneSpi extends TerminalFactorySpi {
        public NoneSpi(Object params) {
        }

        @Override
        protected CardTerminals engineTerminals() {
            return new CardTerminals() {
                @Override
                public List<CardTerminal> list(State state) {
                    return List.of();
                }

                @Override
                public boolean waitForChange(long timeout) {
                    return false;
                }
            };
        }
    }

    private static TerminalFactory noneFactory() {
        Provider p = new Provider("TongbanNone", "1", "a PC/SC stand-in without a service") {
            private static final long serialVersionUID = 1L;
        };
        p.put("TerminalFactory.None", NoneSpi.class.getName());
        try {
            return TerminalFactory.getInstance("None", null, p);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listingReadersSaysTheServiceIsNotRunning() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> PcscSmartCardReader.readerNames(PcscServiceMissingTest::noneFactory));
        assertThat(e.reason(), is(DeviceException.Reason.OFFLINE));
        assertThat(e.getMessage(), containsString("PC/SC service not running"));
    }

    @Test
    void openingTheReaderSaysTheServiceIsNotRunning() {
        PcscSmartCardReader reader = new PcscSmartCardReader("smartcard", null, Duration.ZERO,
                PcscServiceMissingTest::noneFactory);
        DeviceException e = assertThrows(DeviceException.class, reader::open);
        assertThat(e.getMessage(), containsString("PC/SC service not running"));
    }
}
