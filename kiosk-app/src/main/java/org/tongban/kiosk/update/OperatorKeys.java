package org.tongban.kiosk.update;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The operator's SM2 keys and the manifest signature: SM2 over SM3 with the standard signer id
 * {@code 1234567812345678}, DER, base64 (BouncyCastle's {@code SM3withSM2}). Private keys are PKCS#8 PEM,
 * public keys SubjectPublicKeyInfo PEM.
 */
public final class OperatorKeys {

    public static final String PRIVATE_FILE = "operator.key";
    public static final String PUBLIC_FILE = "operator.pub";
    private static final String ALGORITHM = "SM3withSM2";

    private final Provider bc = new BouncyCastleProvider();

    /** Writes a new key pair: {@code dir/operator.key} (mode 600, created so) and {@code dir/operator.pub}. */
    public void generate(Path dir, SecureRandom random) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", bc);
            g.initialize(new ECGenParameterSpec("sm2p256v1"), random);
            pair = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 is not available", e);
        }
        Files.createDirectories(dir);
        Path key = dir.resolve(PRIVATE_FILE);
        // created with its final mode: the key never sits in a readable file, and an existing one is never overwritten
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(PUBLIC_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                StandardCharsets.US_ASCII);
    }

    public PrivateKey readPrivate(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("EC", bc).generatePrivate(new PKCS8EncodedKeySpec(readPem(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": not an SM2 private key (PKCS#8 PEM): " + e.getMessage(), e);
        }
    }

    public PublicKey readPublic(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("EC", bc).generatePublic(new X509EncodedKeySpec(readPem(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": not an SM2 public key (PEM): " + e.getMessage(), e);
        }
    }

    public List<PublicKey> readTrusted(List<Path> files) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path f : files) {
            keys.add(readPublic(f));
        }
        return keys;
    }

    /** The {@code manifest.json.sig} text for these bytes: base64 of the DER signature. */
    public String sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM, bc);
            s.initSign(key, new SecureRandom());
            s.update(message);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** True when {@code signatureText} (base64 DER, surrounding whitespace allowed) verifies with any of the keys. */
    public boolean verify(List<PublicKey> trusted, byte[] message, String signatureText) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(signatureText.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (PublicKey k : trusted) {
            try {
                Signature s = Signature.getInstance(ALGORITHM, bc);
                s.initVerify(k);
                s.update(message);
                if (s.verify(der)) {
                    return true;
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // a malformed signature is simply not valid; try the next key
            }
        }
        return false;
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }

    private static byte[] readPem(Path file, String type) throws IOException {
        try (PemReader r = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            PemObject o = r.readPemObject();
            if (o == null || !o.getType().equals(type)) {
                throw new IOException(file + ": no '" + type + "' PEM block in it");
            }
            return o.getContent();
        }
    }
}
