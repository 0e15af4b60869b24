package org.tongban.devices.smartcard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tongban.devices.DeviceException;

/**
 * One BER-TLV data object (ISO 7816-4, EMV Book 3 annex B), as cards answer SELECT and READ RECORD.
 * A constructed object holds its children; a primitive one its value. Malformed input is a
 * {@link DeviceException} ({@code PROTOCOL}), never an index error.
 */
public record Tlv(int tag, byte[] value, List<Tlv> children) {

    /** Parses every object in {@code data} (padding 00 and FF between objects is skipped, as EMV allows). */
    public static List<Tlv> parseAll(byte[] data) throws DeviceException {
        List<Tlv> out = new ArrayList<>();
        parse(data, 0, data.length, out, 0);
        return out;
    }

    private static void parse(byte[] d, int from, int to, List<Tlv> out, int depth) throws DeviceException {
        if (depth > 8) {
            throw malformed("nested too deep");
        }
        int i = from;
        while (i < to) {
            if (d[i] == 0x00 || d[i] == (byte) 0xFF) {
                i++;
                continue;
            }
            int first = d[i++] & 0xFF;
            int tag = first;
            if ((first & 0x1F) == 0x1F) {
                int more = 0;
                do {
                    if (i >= to || ++more > 3) {
                        throw malformed("a tag runs past the data");
                    }
                    tag = (tag << 8) | (d[i] & 0xFF);
                } while ((d[i++] & 0x80) != 0);
            }
            if (i >= to) {
                throw malformed(String.format("tag %X has no length", tag));
            }
            int len = d[i++] & 0xFF;
            if (len > 0x80) {
                int n = len & 0x7F;
                if (n > 3 || i + n > to) {
                    throw malformed(String.format("tag %X has a bad length", tag));
                }
                len = 0;
                for (int k = 0; k < n; k++) {
                    len = (len << 8) | (d[i++] & 0xFF);
                }
            } else if (len == 0x80) {
                throw malformed("indefinite lengths are not used on cards");
            }
            if (len > to - i) {
                throw malformed(String.format("tag %X says %d bytes, only %d follow", tag, len, to - i));
            }
            byte[] value = Arrays.copyOfRange(d, i, i + len);
            List<Tlv> children = List.of();
            if ((first & 0x20) != 0) {
                List<Tlv> c = new ArrayList<>();
                parse(d, i, i + len, c, depth + 1);
                children = List.copyOf(c);
            }
            out.add(new Tlv(tag, value, children));
            i += len;
        }
    }

    /** The first object with {@code tag} in {@code objects} or anywhere below them, depth first. */
    public static Optional<Tlv> find(List<Tlv> objects, int tag) {
        for (Tlv t : objects) {
            if (t.tag == tag) {
                return Optional.of(t);
            }
            Optional<Tlv> below = find(t.children, tag);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    /** Every object with {@code tag} in {@code objects} or below them. */
    public static List<Tlv> findAll(List<Tlv> objects, int tag) {
        List<Tlv> found = new ArrayList<>();
        for (Tlv t : objects) {
            if (t.tag == tag) {
                found.add(t);
            }
            found.addAll(findAll(t.children, tag));
        }
        return found;
    }

    private static DeviceException malformed(String why) {
        return new DeviceException(DeviceException.Reason.PROTOCOL, "the card's answer is not valid BER-TLV: " + why);
    }

    @Override
    public String toString() {
        return String.format("Tlv[%X, %d byte(s)]", tag, value.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.tag == tag && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }
}
