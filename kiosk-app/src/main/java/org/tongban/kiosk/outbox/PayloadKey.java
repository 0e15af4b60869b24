package org.tongban.kiosk.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tongban.signing.RequestSigner;

/**
 * The SM4 key that seals transaction payloads at rest (SM4-GCM, a fresh 96-bit nonce per payload, the
 * transaction id as associated data so a payload cannot be moved to another row). The key lives in a file only
 * the kiosk user may read, as 32 hex characters.
 */
public final class PayloadKey {

    /** Sealed payload layout: version byte, 12-byte nonce, ciphertext with its 16-byte tag. */
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 16;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Logger log = LoggerFactory.getLogger(PayloadKey.class);

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    PayloadKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an SM4 key is 16 bytes, not " + key.length);
        }
        this.key = key.clone();
    }

    /** A key that exists only in memory (tests, exports). */
    public static PayloadKey random() {
        byte[] k = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(k);
        return new PayloadKey(k);
    }

    /** Derives a key from a secret both ends know (e.g. the export key from the terminal's HMAC secret). */
    public static PayloadKey derive(byte[] secret, String purpose) {
        HMac hmac = new HMac(new SM3Digest());
        hmac.init(new KeyParameter(secret));
        byte[] label = purpose.getBytes(StandardCharsets.UTF_8);
        hmac.update(label, 0, label.length);
        byte[] digest = new byte[hmac.getMacSize()];
        hmac.doFinal(digest, 0);
        return new PayloadKey(Arrays.copyOf(digest, KEY_BYTES));
    }

    /** Reads the key file; answers null when there is none. A file that others may read is tightened. */
    static PayloadKey read(Path file) throws OutboxException {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            byte[] k;
            try {
                k = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new OutboxException("key file " + file + " does not hold 32 hex characters");
            }
            if (k.length != KEY_BYTES) {
                throw new OutboxException("key file " + file + " does not hold 32 hex characters");
            }
            tighten(file);
            return new PayloadKey(k);
        } catch (IOException e) {
            throw new OutboxException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates a new key file, mode 600, written whole or not at all. */
    static PayloadKey create(Path file) throws OutboxException {
        PayloadKey created = random();
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = dir.resolve(file.getFileName() + ".new");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp);
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap((HexFormat.of().formatHex(created.key) + "\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
            log.info("created the outbox payload key {}", file);
            return created;
        } catch (IOException e) {
            throw new OutboxException("cannot create key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void tighten(Path file) throws IOException {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(now)) {
                log.warn("key file {} was readable by others ({}); now owner-only", file,
                        PosixFilePermissions.toString(now));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to tighten.
        }
    }

    /** A short fingerprint that tells keys apart without revealing them (SM3 of the key, 16 hex). */
    public String id() {
        return RequestSigner.sm3Hex(key).substring(0, 16);
    }

    public byte[] seal(byte[] plain, byte[] associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        GCMBlockCipher gcm = cipher(true, nonce, associated);
        byte[] out = new byte[1 + NONCE_BYTES + gcm.getOutputSize(plain.length)];
        out[0] = VERSION;
        System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
        int n = gcm.processBytes(plain, 0, plain.length, out, 1 + NONCE_BYTES);
        try {
            gcm.doFinal(out, 1 + NONCE_BYTES + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("SM4-GCM encryption cannot fail", e);
        }
        return out;
    }

    /** @throws OutboxException when the payload was not sealed with this key and these associated bytes */
    public byte[] open(byte[] sealed, byte[] associated) throws OutboxException {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new OutboxException("not a sealed payload");
        }
        GCMBlockCipher gcm = cipher(false, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), associated);
        int len = sealed.length - 1 - NONCE_BYTES;
        byte[] out = new byte[gcm.getOutputSize(len)];
        int n = gcm.processBytes(sealed, 1 + NONCE_BYTES, len, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new OutboxException("payload fails its SM4-GCM check (wrong key or altered)", e);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    @SuppressWarnings("deprecation") // GCMBlockCipher.newInstance needs a GCMModeCipher-typed engine holder
    private GCMBlockCipher cipher(boolean encrypt, byte[] nonce, byte[] associated) {
        GCMBlockCipher gcm = new GCMBlockCipher(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associated));
        return gcm;
    }

    @Override
    public String toString() {
        return "PayloadKey[" + id() + "]";
    }
}
