package org.tongban.printing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * The terminal's SM2 signing key (GM/T 0003, over SM3), which seals the key fields of every
 * certificate it prints so a clerk can check a printout offline with the terminal's public key.
 *
 * <p>Kept in a small text file readable only by the kiosk user; the public half alone goes in a
 * {@code .pub} file for whoever checks printouts. Signatures are plain {@code r || s}, 64 bytes,
 * to keep the QR code small.
 */
public final class TerminalSeal {

    static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);

    private final ECPrivateKeyParameters privateKey;
    private final SealVerifier verifier;
    private final SecureRandom random;

    private TerminalSeal(ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey, SecureRandom random) {
        this.privateKey = privateKey;
        this.verifier = new SealVerifier(publicKey);
        this.random = random;
    }

    /** A fresh key, e.g. for a test or a terminal's first start. */
    public static TerminalSeal generate(SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(DOMAIN, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new TerminalSeal((ECPrivateKeyParameters) pair.getPrivate(), (ECPublicKeyParameters) pair.getPublic(),
                random);
    }

    /**
     * The key in {@code file}; when there is none yet, a new one is generated and written there with
     * mode 600, and its public half beside it as {@code <file>.pub}.
     */
    public static TerminalSeal loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            return load(file, random);
        }
        TerminalSeal seal = generate(random);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String text = "# Tongban terminal seal: SM2 signing key for printed certificates. Keep secret.\n"
                + "private=" + HexFormat.of().formatHex(asBytes(seal.privateKey.getD())) + "\n"
                + "public=" + seal.verifier.publicKeyHex() + "\n";
        try {
            // created with its final mode: the secret never sits in a world-readable file
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return load(file, random); // another process won the race; use its key
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        seal.verifier.writeTo(publicKeyFile(file));
        return seal;
    }

    public static TerminalSeal load(Path file, SecureRandom random) throws IOException {
        Map<String, String> values = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        String d = values.get("private");
        if (d == null) {
            throw new IOException(file + ": not a terminal seal (no 'private=' line)");
        }
        try {
            ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(new BigInteger(1, HexFormat.of().parseHex(d)),
                    DOMAIN);
            ECPublicKeyParameters publicKey = new ECPublicKeyParameters(DOMAIN.getG().multiply(privateKey.getD()).normalize(),
                    DOMAIN);
            return new TerminalSeal(privateKey, publicKey, random);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the private key is not valid hex: " + e.getMessage(), e);
        }
    }

    /** Where {@link #loadOrCreate} puts the public half of the key in {@code file}. */
    public static Path publicKeyFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".pub");
    }

    /** SM2 over SM3 of {@code message}: 64 bytes, r then s. */
    public byte[] sign(byte[] message) {
        SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        signer.init(true, new ParametersWithRandom(privateKey, random));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    public SealVerifier verifier() {
        return verifier;
    }

    private static byte[] asBytes(BigInteger d) {
        byte[] raw = d.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }

    /** The public half: checks seals offline. */
    public static final class SealVerifier {

        private final ECPublicKeyParameters publicKey;

        SealVerifier(ECPublicKeyParameters publicKey) {
            this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        }

        /** Reads a public key file: one line of hex (an uncompressed SM2 point), comments allowed. */
        public static SealVerifier read(Path file) throws IOException {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String hex = line.strip();
                if (!hex.isEmpty() && !hex.startsWith("#")) {
                    try {
                        return new SealVerifier(new ECPublicKeyParameters(
                                CURVE.getCurve().decodePoint(HexFormat.of().parseHex(hex)), DOMAIN));
                    } catch (IllegalArgumentException e) {
                        throw new IOException(file + ": not an SM2 public key: " + e.getMessage(), e);
                    }
                }
            }
            throw new IOException(file + ": empty, no SM2 public key in it");
        }

        public boolean verify(byte[] message, byte[] signature) {
            SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
            signer.init(false, publicKey);
            signer.update(message, 0, message.length);
            try {
                return signer.verifySignature(signature);
            } catch (RuntimeException e) {
                return false; // a signature of the wrong length or out of range is simply not valid
            }
        }

        public void writeTo(Path file) throws IOException {
            Files.writeString(file, "# Tongban terminal seal, public key (SM2)\n" + publicKeyHex() + "\n",
                    StandardCharsets.UTF_8);
        }

        String publicKeyHex() {
            return HexFormat.of().formatHex(publicKey.getQ().getEncoded(false));
        }
    }
}
