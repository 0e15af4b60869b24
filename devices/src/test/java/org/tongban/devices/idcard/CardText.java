package org.tongban.devices.idcard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the 256 bytes of card text as a card holds them (UCS-2LE, fields padded with spaces), for the
 * emulator and the parser tests. The three sample cards are made up; their ID numbers have valid check digits.
 */
public final class CardText {

    private final byte[] text = new byte[IdCardTextParser.TEXT_LENGTH];

    public CardText() {
        for (int i = 0; i < text.length; i += 2) {
            text[i] = 0x20;
        }
    }

    /** Writes {@code value} at {@code offset}, padded with spaces to {@code length} bytes. */
    public CardText put(int offset, int length, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_16LE);
        if (b.length > length) {
            throw new IllegalArgumentException("'" + value + "' does not fit in " + length + " bytes");
        }
        for (int i = 0; i < length; i += 2) {
            text[offset + i] = 0x20;
            text[offset + i + 1] = 0;
        }
        System.arraycopy(b, 0, text, offset, b.length);
        return this;
    }

    public byte[] bytes() {
        return text.clone();
    }

    /** 张三, male, 汉, born 1949-12-31, the ID number of GB 11643's example, valid 2020-01-01 to 2040-01-01. */
    public static CardText resident() {
        return new CardText()
                .put(0, 30, "张三")
                .put(30, 2, "1")
                .put(32, 4, "01")
                .put(36, 16, "19491231")
                .put(52, 70, "北京市朝阳区示例路1号")
                .put(122, 36, "11010519491231002X")
                .put(158, 30, "北京市公安局朝阳分局")
                .put(188, 16, "20200101")
                .put(204, 16, "20400101");
    }

    /** A foreign permanent resident ID card (2017 version, type I). */
    public static CardText foreign() {
        return new CardText()
                .put(0, 120, "SMITH, JOHN ALEXANDER")
                .put(120, 2, "1")
                .put(122, 30, "USA110019900101")
                .put(152, 6, "USA")
                .put(158, 30, "史密斯")
                .put(188, 16, "20230601")
                .put(204, 16, "20330601")
                .put(220, 16, "19900101")
                .put(236, 4, "20")
                .put(240, 8, "1100")
                .put(248, 2, "I");
    }

    /** A Hong Kong resident's residence permit (type J). */
    public static CardText hmt() {
        return new CardText()
                .put(0, 30, "陈大文")
                .put(30, 2, "2")
                .put(36, 16, "19850315")
                .put(52, 70, "广东省深圳市福田区示例路2号")
                .put(122, 36, "810000198503150017")
                .put(158, 30, "深圳市公安局")
                .put(188, 16, "20210801")
                .put(204, 16, "长期")
                .put(220, 18, "H12345678")
                .put(238, 4, "03")
                .put(248, 2, "J");
    }

    /** A made-up 1024-byte WLT photo: only its length and that it comes back unchanged matter. */
    public static byte[] photo() {
        byte[] p = new byte[1024];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 31 + 7);
        }
        p[0] = 'W';
        p[1] = 'L';
        return p;
    }

    @Override
    public String toString() {
        return "CardText[" + Arrays.hashCode(text) + "]";
    }
}
