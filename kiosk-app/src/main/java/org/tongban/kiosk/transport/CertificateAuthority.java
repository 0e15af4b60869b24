package org.tongban.kiosk.transport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA on loopback, made in memory: the platform simulator's {@code --tls} mode and the tests use it
 * to run real TLS without a certificate ever being committed. Not for a real platform: its CA is the
 * province's.
 */
public final class CertificateAuthority {

    /** A certificate with its key; {@code chain} starts with the certificate itself. */
    public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
    }

    private static final Duration VALIDITY = Duration.ofDays(30);
    private final SecureRandom random = new SecureRandom();
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final X500Name name;

    private CertificateAuthority(String commonName) throws GeneralSecurityException {
        this.name = new X500Name("CN=" + commonName);
        this.keys = newKeyPair();
        this.certificate = sign(name, keys.getPublic(), true, List.of(), null);
    }

    public static CertificateAuthority create(String commonName) throws GeneralSecurityException {
        return new CertificateAuthority(commonName);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A server certificate for these host names and IP literals (127.0.0.1, localhost). */
    public Issued issueServer(String... hosts) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(new GeneralName(host.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName,
                    host));
        }
        X509Certificate cert = sign(new X500Name("CN=" + hosts[0]), pair.getPublic(), false, names,
                KeyPurposeId.id_kp_serverAuth);
        return new Issued(cert, pair.getPrivate(), List.of(cert, certificate));
    }

    /** A client certificate: a terminal's device identity for mutual TLS. */
    public Issued issueClient(String terminalId) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        X509Certificate cert = sign(new X500Name("CN=" + terminalId), pair.getPublic(), false, List.of(),
                KeyPurposeId.id_kp_clientAuth);
        return new Issued(cert, pair.getPrivate(), List.of(cert, certificate));
    }

    private X509Certificate sign(X500Name subject, java.security.PublicKey key, boolean ca, List<GeneralName> names,
            KeyPurposeId purpose) throws GeneralSecurityException {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
