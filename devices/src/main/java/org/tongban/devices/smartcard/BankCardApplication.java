package org.tongban.devices.smartcard;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.tongban.devices.DeviceException;

/**
 * Reads the public data of a bank IC card's payment application, as a terminal may without a PIN:
 * SELECT PPSE (or, for contact cards without one, the known PBOC and EMV applications), SELECT the application,
 * GET PROCESSING OPTIONS, then the records its AFL lists; card number (5A, else track 2 in 57), expiry (5F24)
 * and holder name (5F20, 9F0B) when the card carries them.
 */
public final class BankCardApplication {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] PPSE = "2PAY.SYS.DDF01".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** UnionPay debit, credit, quasi-credit; Visa; Mastercard: tried in this order when there is no PPSE. */
    private static final List<String> KNOWN_AIDS = List.of("A000000333010101", "A000000333010102",
            "A000000333010103", "A0000000031010", "A0000000041010");
    private static final Charset GBK = Charset.forName("GBK");

    private final SmartCardReader reader;
    private final Duration timeout;

    public BankCardApplication(SmartCardReader reader, Duration timeout) {
        this.reader = reader;
        this.timeout = timeout;
    }

    /** The card's payment data, or empty when the card has no payment application. */
    public Optional<BankCard> read() throws DeviceException {
        Selected app = selectApplication().orElse(null);
        if (app == null) {
            return Optional.empty();
        }
        List<Tlv> records = new ArrayList<>();
        for (byte[] record : readRecords(app.fci())) {
            records.addAll(Tlv.parseAll(record));
        }
        String pan = Tlv.find(records, 0x5A).map(t -> digits(t.value())).orElse(null);
        YearMonth expiry = Tlv.find(records, 0x5F24).map(t -> yearMonth(t.value())).orElse(null);
        Optional<Tlv> track2 = Tlv.find(records, 0x57);
        if (track2.isPresent()) {
            String t2 = HEX.formatHex(track2.get().value());
            int sep = t2.indexOf('D');
            if (sep > 0) {
                pan = pan != null ? pan : t2.substring(0, sep);
                if (expiry == null && t2.length() >= sep + 5) {
                    expiry = yearMonth(HEX.parseHex(t2.substring(sep + 1, sep + 5)));
                }
            }
        }
        if (pan == null) {
            throw new DeviceException(DeviceException.Reason.INVALID_DATA,
                    "the bank card's payment application " + app.aid() + " gives no card number");
        }
        String name = Tlv.find(records, 0x5F20).or(() -> Tlv.find(records, 0x9F0B))
                .map(t -> new String(t.value(), GBK).trim()).filter(s -> !s.isEmpty() && !s.equals("/")).orElse(null);
        String label = Tlv.find(app.fci(), 0x50).map(t -> new String(t.value(), GBK).trim()).orElse(null);
        return Optional.of(new BankCard(app.aid(), label, pan, expiry, name));
    }

    private record Selected(String aid, List<Tlv> fci) { }

    private Optional<Selected> selectApplication() throws DeviceException {
        List<String> candidates = new ArrayList<>();
        ApduResponse ppse = reader.transmit(select(PPSE), timeout);
        if (ppse.isSuccess()) {
            List<Tlv> fci = Tlv.parseAll(ppse.data());
            List<Tlv> entries = Tlv.findAll(fci, 0x61);
            entries.sort(java.util.Comparator.comparingInt(e -> Tlv.find(e.children(), 0x87)
                    .map(p -> p.value().length > 0 ? p.value()[0] & 0x0F : 15).orElse(15)));
            for (Tlv e : entries) {
                Tlv.find(e.children(), 0x4F).ifPresent(a -> candidates.add(HEX.formatHex(a.value())));
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(KNOWN_AIDS);
        }
        for (String aid : candidates) {
            ApduResponse r = reader.transmit(select(HEX.parseHex(aid)), timeout);
            if (r.isSuccess()) {
                return Optional.of(new Selected(aid, Tlv.parseAll(r.data())));
            }
        }
        return Optional.empty();
    }

    /** The records the AFL of GET PROCESSING OPTIONS lists; without a usable AFL, the first records of SFI 1-3. */
    private List<byte[]> readRecords(List<Tlv> fci) throws DeviceException {
        List<byte[]> out = new ArrayList<>();
        byte[] afl = processingOptions(fci);
        if (afl != null && afl.length > 0 && afl.length % 4 == 0) {
            for (int i = 0; i < afl.length; i += 4) {
                int sfi = (afl[i] & 0xFF) >> 3;
                for (int rec = afl[i + 1] & 0xFF; rec <= (afl[i + 2] & 0xFF) && rec > 0; rec++) {
                    ApduResponse r = reader.transmit(readRecord(sfi, rec), timeout);
                    if (r.isSuccess()) {
                        out.add(r.data());
                    }
                }
            }
            return out;
        }
        for (int sfi = 1; sfi <= 3; sfi++) {
            for (int rec = 1; rec <= 8; rec++) {
                ApduResponse r = reader.transmit(readRecord(sfi, rec), timeout);
                if (!r.isSuccess()) {
                    break; // 6A83: no more records in this file
                }
                out.add(r.data());
            }
        }
        return out;
    }

    /** GET PROCESSING OPTIONS with the PDOL filled with zeros (no amount, no terminal data): the AFL, or null. */
    private byte[] processingOptions(List<Tlv> fci) throws DeviceException {
        int pdolLength = Tlv.find(fci, 0x9F38).map(t -> dolLength(t.value())).orElse(0);
        byte[] cmd = new byte[5 + 2 + pdolLength + 1];
        cmd[0] = (byte) 0x80;
        cmd[1] = (byte) 0xA8;
        cmd[4] = (byte) (2 + pdolLength);
        cmd[5] = (byte) 0x83;
        cmd[6] = (byte) pdolLength;
        ApduResponse r = reader.transmit(cmd, timeout);
        if (!r.isSuccess()) {
            return null;
        }
        List<Tlv> gpo = Tlv.parseAll(r.data());
        Optional<Tlv> format1 = Tlv.find(gpo, 0x80);
        if (format1.isPresent() && format1.get().value().length > 2) {
            byte[] v = format1.get().value();
            return java.util.Arrays.copyOfRange(v, 2, v.length);
        }
        return Tlv.find(gpo, 0x94).map(Tlv::value).orElse(null);
    }

    /** The total length a data object list asks for (tags and lengths, no values). */
    private static int dolLength(byte[] dol) {
        int total = 0;
        int i = 0;
        while (i < dol.length) {
            if ((dol[i++] & 0x1F) == 0x1F) {
                while (i < dol.length && (dol[i++] & 0x80) != 0) {
                    // further tag bytes
                }
            }
            if (i < dol.length) {
                total += dol[i++] & 0xFF;
            }
        }
        return Math.min(total, 250);
    }

    static byte[] select(byte[] name) {
        byte[] c = new byte[5 + name.length + 1];
        c[1] = (byte) 0xA4;
        c[2] = 0x04;
        c[4] = (byte) name.length;
        System.arraycopy(name, 0, c, 5, name.length);
        return c;
    }

    static byte[] readRecord(int sfi, int record) {
        return new byte[] {0x00, (byte) 0xB2, (byte) record, (byte) ((sfi << 3) | 0x04), 0x00};
    }

    private static String digits(byte[] bcd) {
        String s = HEX.formatHex(bcd);
        int f = s.indexOf('F');
        return f >= 0 ? s.substring(0, f) : s;
    }

    private static YearMonth yearMonth(byte[] yymm) {
        String s = HEX.formatHex(yymm);
        if (s.length() < 4 || !s.substring(0, 4).matches("[0-9]{2}(0[1-9]|1[0-2])")) {
            return null;
        }
        return YearMonth.of(2000 + Integer.parseInt(s.substring(0, 2)), Integer.parseInt(s.substring(2, 4)));
    }
}
