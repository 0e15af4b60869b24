package org.tongban.devices.printer.escpos;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import org.tongban.devices.printer.Receipt;

class EscPosEncoderTest {

    private final EscPosEncoder encoder = new EscPosEncoder();

    @Test
    void chineseTextIsGb18030InChineseMode() {
        EscPosEncoder.Encoded encoded = encoder.encode(Receipt.builder("r").left("排队号 A012").build());

        String asGb = new String(encoded.bytes(), Charset.forName("GB18030"));
        assertThat(asGb, containsString("排队号 A012\n"));
        assertThat(encoded.bytes()[2], equalTo((byte) 0x1C)); // FS & after ESC @
        assertThat(encoded.substituted(), equalTo(0));
    }

    @Test
    void charactersThePrinterFontLacksFallBackAndAreCounted() {
        // U+20BB7 (𠮷, a name character of extension B) is four bytes in GB18030; U+1F600 an emoji; a lone surrogate
        EscPosEncoder.Encoded encoded = encoder.encode(Receipt.builder("r")
                .left("吉\uD842\uDFB7祥\uD83D\uDE00\uD800").build());

        assertThat(new String(encoded.bytes(), Charset.forName("GB18030")), containsString("吉?祥??\n"));
        assertThat(encoded.substituted(), equalTo(3));
    }

    @Test
    void aQrCodeTooLongForThePaperIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(Receipt.builder("r").qrCode("x".repeat(2000)).build()));

        assertThat(e.getMessage(), containsString("too long for a receipt"));
    }
}
