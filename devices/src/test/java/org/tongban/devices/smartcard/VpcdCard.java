package org.tongban.devices.smartcard;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A card in vsmartcard's virtual reader (vpcd, a pcscd driver): it connects to vpcd's socket, which is the card
 * going into the slot, and answers what pcscd sends through vpcd. The protocol: every message is a 2-byte
 * big-endian length and a payload; a 1-byte payload is a control message (0 power off, 1 power on, 2 reset,
 * 4 "send the ATR"), anything longer a command APDU to answer with a response APDU. Closing the socket takes the
 * card out.
 */
public final class VpcdCard implements AutoCloseable {

    /** vpcd's port for the first slot (0x8C7B, as /etc/reader.conf.d/vpcd configures it). */
    public static final int SLOT_0 = 35963;

    private final byte[] atr;
    private final Function<byte[], byte[]> card;
    private final int port;
    private volatile Socket socket;
    private volatile Thread thread;
    private volatile int apdus;

    /** @param card answers a command APDU with a response APDU (data + SW1 SW2) */
    public VpcdCard(int port, byte[] atr, Function<byte[], byte[]> card) {
        this.port = port;
        this.atr = atr.clone();
        this.card = card;
    }

    /** Whether pcscd runs with vpcd configured, so a test can say why it skips when the stack is not there. */
    public static boolean stackAvailable() {
        return Files.exists(Path.of("/run/pcscd/pcscd.comm"))
                && Files.exists(Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so"));
    }

    /** Puts the card in the slot. */
    public VpcdCard insert() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setTcpNoDelay(true);
        socket = s;
        Thread t = new Thread(() -> serve(s), "vpcd-card");
        t.setDaemon(true);
        t.start();
        thread = t;
        return this;
    }

    /** Takes the card out of the slot. */
    public void remove() throws IOException, InterruptedException {
        Socket s = socket;
        socket = null;
        if (s != null) {
            s.close();
        }
        Thread t = thread;
        if (t != null) {
            t.join(2000);
        }
    }

    public int apdusAnswered() {
        return apdus;
    }

    private void serve(Socket s) {
        try (DataInputStream in = new DataInputStream(s.getInputStream());
             DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            while (true) {
                int len = in.readUnsignedShort();
                byte[] msg = in.readNBytes(len);
                if (msg.length < len) {
                    return;
                }
                byte[] answer;
                if (len == 1) {
                    answer = msg[0] == 4 ? atr : null; // power off, on and reset need no answer
                } else {
                    apdus++;
                    answer = card.apply(msg);
                }
                if (answer != null) {
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the card was taken out, or vpcd went away
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        remove();
    }
}
