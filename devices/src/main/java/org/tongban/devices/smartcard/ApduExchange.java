package org.tongban.devices.smartcard;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.tongban.devices.DeviceException;

/**
 * The status words that are not answers but instructions (ISO 7816-3/-4): {@code 61xx} "xx more bytes, fetch them
 * with GET RESPONSE" and {@code 6Cxx} "wrong Le, send again with Le = xx". Whatever the transport (PC/SC,
 * a simulator), the caller gets the card's final answer with all its data.
 */
final class ApduExchange {

    /** One command APDU to the card and its raw answer (data + SW1 SW2). */
    @FunctionalInterface
    interface Transport {
        ApduResponse send(byte[] command) throws DeviceException, InterruptedException;
    }

    /** More than this many GET RESPONSEs for one command is a card in a loop, not a long answer. */
    private static final int MAX_CHAINED = 64;

    private final Transport transport;

    ApduExchange(Transport transport) {
        this.transport = transport;
    }

    ApduResponse exchange(byte[] command) throws DeviceException, InterruptedException {
        ApduResponse r = transport.send(command);
        if (r.sw1() == 0x6C) {
            r = transport.send(withLe(command, r.sw2()));
        }
        if (r.sw1() != 0x61) {
            return r;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(r.data());
        int rounds = 0;
        while (r.sw1() == 0x61) {
            if (++rounds > MAX_CHAINED) {
                throw new DeviceException(DeviceException.Reason.PROTOCOL,
                        "the card keeps answering 61xx (more data) after " + MAX_CHAINED + " GET RESPONSEs");
            }
            byte cla = (byte) (command[0] & 0x03); // keep the logical channel, drop secure messaging bits
            r = transport.send(new byte[] {cla, (byte) 0xC0, 0x00, 0x00, (byte) r.sw2()});
            if (r.sw1() == 0x6C) {
                r = transport.send(new byte[] {cla, (byte) 0xC0, 0x00, 0x00, (byte) r.sw2()});
            }
            data.writeBytes(r.data());
        }
        return new ApduResponse(data.toByteArray(), r.sw());
    }

    /** The same command with its Le (the last byte of a case 2 or case 4 short APDU) set to {@code le}. */
    static byte[] withLe(byte[] command, int le) {
        if (command.length == 4) {
            byte[] c = Arrays.copyOf(command, 5);
            c[4] = (byte) le;
            return c;
        }
        int lc = command[4] & 0xFF;
        boolean hasLe = command.length == 5 || command.length == 5 + lc + 1;
        byte[] c = hasLe ? command.clone() : Arrays.copyOf(command, command.length + 1);
        c[c.length - 1] = (byte) le;
        return c;
    }
}
