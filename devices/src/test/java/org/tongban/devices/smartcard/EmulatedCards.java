package org.tongban.devices.smartcard;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Card applications for the PC/SC tests, answering as real cards do, including the status words that are
 * instructions: a SELECT answered with 61xx (fetch with GET RESPONSE) and a READ RECORD answered with 6Cxx
 * (send again with the right Le). Made-up data; the card number passes no bank's checks.
 */
public final class EmulatedCards {

    public static final HexFormat HEX = HexFormat.of().withUpperCase();
    public static final byte[] ATR_T1 = HEX.parseHex("3B800181");
    public static final byte[] ATR_T0 = HEX.parseHex("3B021450");
    public static final String PAN = "6228480000001234";

    private EmulatedCards() {
    }

    /** A UnionPay debit card: PPSE, the application with a PDOL, GPO format 1, AFL SFI 1 records 1-2. */
    public static Function<byte[], byte[]> bankCard() {
        byte[] aid = HEX.parseHex("A000000333010101");
        byte[] label = "PBOC DEBIT".getBytes(Charset.forName("GBK"));
        byte[] ppse = tlv("6F", tlv("84", "2PAY.SYS.DDF01".getBytes(Charset.forName("GBK"))),
                tlv("A5", tlv("BF0C", tlv("61", tlv("4F", aid), tlv("50", label), tlv("87", new byte[] {1})))));
        byte[] fci = tlv("6F", tlv("84", aid), tlv("A5", tlv("50", label), tlv("87", new byte[] {1}),
                tlv("9F38", HEX.parseHex("9F66049F02069F3704"))));
        byte[] gpo = tlv("80", HEX.parseHex("7C00" + "08010200"));
        byte[] rec1 = tlv("70", tlv("57", HEX.parseHex("6228480000001234D30122010000000000000F")),
                tlv("5F20", "ZHANG SAN/MR".getBytes(Charset.forName("GBK"))));
        byte[] rec2 = tlv("70", tlv("5A", HEX.parseHex(PAN)), tlv("5F24", HEX.parseHex("301231")));
        return new Function<>() {
            private byte[] pending; // the rest of an answer announced with 61xx

            @Override
            public byte[] apply(byte[] c) {
                String h = HEX.formatHex(c);
                if (h.startsWith("00A404000E325041592E5359532E4444463031")) {
                    return ok(ppse);
                }
                if (h.startsWith("00A4040008A000000333010101")) {
                    pending = fci;
                    return sw(0x61, fci.length); // T=0 style: the FCI waits for GET RESPONSE
                }
                if (h.startsWith("00C00000") && pending != null) {
                    byte[] p = pending;
                    pending = null;
                    return ok(p);
                }
                if (h.startsWith("80A80000")) {
                    return ok(gpo);
                }
                if (h.startsWith("00B2010C")) {
                    return exactLe(c, rec1);
                }
                if (h.startsWith("00B2020C")) {
                    return exactLe(c, rec2);
                }
                return sw(0x6A, 0x82);
            }
        };
    }

    /** A social security card: DDF1 by name, EF05 with records 01, 03, 05, 06, 07. */
    public static Function<byte[], byte[]> socialSecurityCard() {
        Charset gbk = Charset.forName("GBK");
        byte[] ddf1 = concat("sx1.sh.".getBytes(gbk), "社会保障".getBytes(gbk));
        String selectDdf1 = "00A40400" + String.format("%02X", ddf1.length) + HEX.formatHex(ddf1);
        return new Function<>() {
            private boolean inDdf1;
            private boolean inEf05;

            @Override
            public byte[] apply(byte[] c) {
                String h = HEX.formatHex(c);
                if (h.startsWith(selectDdf1)) {
                    inDdf1 = true;
                    return ok(HEX.parseHex("6F0A840873782E31"));
                }
                if (h.startsWith("00A4020002EF05") && inDdf1) {
                    inEf05 = true;
                    return sw(0x90, 0x00);
                }
                if (h.startsWith("00B2") && inEf05) {
                    int rec = c[2] & 0xFF;
                    byte[] v = switch (rec) {
                        case 0x01 -> "530100D15600000512345678".getBytes(gbk);
                        case 0x03 -> "3.00".getBytes(gbk);
                        case 0x05 -> HEX.parseHex("20200115");
                        case 0x06 -> HEX.parseHex("20300115");
                        case 0x07 -> "A12345678".getBytes(gbk);
                        default -> null;
                    };
                    if (v == null) {
                        return sw(0x6A, 0x83);
                    }
                    byte[] tlv = concat(new byte[] {(byte) rec, (byte) v.length}, v);
                    return ok(tlv);
                }
                if (h.startsWith("00B2")) {
                    return sw(0x69, 0x82); // EF06 and the rest: security status not satisfied without the PSAM
                }
                return sw(0x6A, 0x82);
            }
        };
    }

    /** A card with none of the applications. */
    public static Function<byte[], byte[]> blankCard() {
        return c -> sw(0x6A, 0x82);
    }

    /** A card that wants the exact length: Le 00 gets 6Cxx first. */
    private static byte[] exactLe(byte[] c, byte[] data) {
        int le = c.length == 5 ? c[4] & 0xFF : 0;
        if (le != data.length) {
            return sw(0x6C, data.length);
        }
        return ok(data);
    }

    /** One BER-TLV object; the length in one byte, or 81 xx for 128..255. */
    static byte[] tlv(String tag, byte[]... values) {
        byte[] v = new byte[0];
        for (byte[] part : values) {
            v = concat(v, part);
        }
        byte[] len = v.length < 128 ? new byte[] {(byte) v.length} : new byte[] {(byte) 0x81, (byte) v.length};
        return concat(concat(HEX.parseHex(tag), len), v);
    }

    static byte[] ok(byte[] data) {
        return concat(data, new byte[] {(byte) 0x90, 0x00});
    }

    static byte[] sw(int sw1, int sw2) {
        return new byte[] {(byte) sw1, (byte) sw2};
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
