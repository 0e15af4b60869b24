package org.tongban.kiosk.update;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * Staged rollout: a terminal is in when {@code SM3(terminalId + salt)}, its first 8 bytes read as an unsigned
 * big-endian number, mod 100, is below the percent. Each release's salt picks a different set of terminals.
 */
public final class Rollout {

    private Rollout() {
    }

    /** The terminal's bucket 0..99 for this salt. */
    public static int bucket(String terminalId, String salt) {
        byte[] in = (terminalId + salt).getBytes(StandardCharsets.UTF_8);
        SM3Digest d = new SM3Digest();
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return (int) Long.remainderUnsigned(ByteBuffer.wrap(out, 0, 8).getLong(), 100);
    }

    public static boolean includes(Manifest.Rollout rollout, String terminalId) {
        return bucket(terminalId, rollout.salt()) < rollout.percent();
    }
}
