package org.tongban.devices.printer.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import org.tongban.devices.printer.Receipt;

/**
 * A {@link Receipt} as ESC/POS bytes for an 80 mm Chinese receipt printer: text in GB18030 with
 * Chinese mode on, alignment, double size, bold, QR codes (GS ( k) and the cut.
 *
 * <p>Receipt printers carry a GBK-sized font: a character that GB18030 can only write as four
 * bytes (rare ideographs of extension B and beyond, emoji) or cannot write at all (a lone
 * surrogate) prints as {@value #FALLBACK}, and {@link Encoded#substituted()} counts them so the
 * caller can tell a technician. Stateless: one may be shared.
 */
public final class EscPosEncoder {

    /** What an unprintable character becomes. */
    public static final char FALLBACK = '?';

    private static final Charset GB18030 = Charset.forName("GB18030");
    static final byte ESC = 0x1B;
    static final byte GS = 0x1D;
    static final byte FS = 0x1C;
    static final byte DLE = 0x10;
    static final byte EOT = 0x04;

    /** The bytes for a receipt, and how many characters had to fall back. */
    public record Encoded(byte[] bytes, int substituted) {
    }

    public Encoded encode(Receipt receipt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        CharsetEncoder encoder = GB18030.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int substituted = 0;
        out.writeBytes(new byte[] {ESC, '@', FS, '&'}); // reset, Chinese (double-byte) mode on
        for (Receipt.Line line : receipt.lines()) {
            if (line instanceof Receipt.Text t) {
                out.writeBytes(new byte[] {ESC, 'a', (byte) t.align().ordinal()});
                out.writeBytes(new byte[] {GS, '!', (byte) (t.size() == Receipt.Size.DOUBLE ? 0x11 : 0x00)});
                out.writeBytes(new byte[] {ESC, 'E', (byte) (t.bold() ? 1 : 0)});
                substituted += text(t.text(), encoder, out);
                out.write('\n');
            } else if (line instanceof Receipt.QrCode q) {
                qrCode(q.data(), out);
            } else {
                // feed past the cutter, then a partial cut (leaves a hinge, the ticket does not fall)
                out.writeBytes(new byte[] {ESC, 'a', 0, GS, '!', 0, ESC, 'E', 0, GS, 'V', 'A', 3});
            }
        }
        return new Encoded(out.toByteArray(), substituted);
    }

    private static int text(String text, CharsetEncoder encoder, ByteArrayOutputStream out) {
        int substituted = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int length = Character.charCount(cp);
            byte[] bytes = encodeOne(encoder, text.substring(i, i + length));
            boolean control = cp < 0x20 || cp == 0x7F;
            if (bytes == null || bytes.length > 2 || control) {
                out.write(FALLBACK);
                substituted++;
            } else {
                out.writeBytes(bytes);
            }
            i += length;
        }
        return substituted;
    }

    private static byte[] encodeOne(CharsetEncoder encoder, String character) {
        try {
            ByteBuffer buffer = encoder.reset().encode(CharBuffer.wrap(character));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Model 2, module size 6 dots, error correction M, centred; the data in UTF-8 as phones read it. */
    private static void qrCode(String data, ByteArrayOutputStream out) {
        byte[] bytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > 700) {
            // a QR code on 80 mm paper at 6 dots a module holds a few hundred bytes; more is a bug upstream
            throw new IllegalArgumentException("QR code data of " + bytes.length + " bytes is too long for a receipt");
        }
        out.writeBytes(new byte[] {ESC, 'a', 1});
        out.writeBytes(new byte[] {GS, '(', 'k', 4, 0, '1', 'A', '2', 0});
        out.writeBytes(new byte[] {GS, '(', 'k', 3, 0, '1', 'C', 6});
        out.writeBytes(new byte[] {GS, '(', 'k', 3, 0, '1', 'E', '1'});
        int length = bytes.length + 3;
        out.writeBytes(new byte[] {GS, '(', 'k', (byte) length, (byte) (length >>> 8), '1', 'P', '0'});
        out.writeBytes(bytes);
        out.writeBytes(new byte[] {GS, '(', 'k', 3, 0, '1', 'Q', '0'});
    }
}
