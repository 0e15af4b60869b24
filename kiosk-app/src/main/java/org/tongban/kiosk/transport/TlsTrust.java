package org.tongban.kiosk.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * TLS contexts from PEM files: a terminal trusts only the CA bundle its configuration names (never the system
 * store, where any of a hundred public CAs could vouch for a "platform"), and may prove who it is with a client
 * certificate and key.
 */
public final class TlsTrust {

    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private TlsTrust() {
    }

    /**
     * @param caBundle          PEM certificates of the CAs that may vouch for the server
     * @param clientCertificate PEM certificate chain of this terminal, or null for no client certificate
     * @param clientKey         PEM private key (PKCS#8 or SEC1/PKCS#1) of that certificate, or null
     */
    public static SSLContext client(Path caBundle, Path clientCertificate, Path clientKey)
            throws IOException, GeneralSecurityException {
        KeyManager[] identity = null;
        if (clientCertificate != null) {
            identity = keyManagers(readCertificates(clientCertificate), readPrivateKey(clientKey));
        }
        return context(identity, trustManagers(readCertificates(caBundle)));
    }

    /** A server's context; with {@code clientCas} not empty, clients must present a certificate they issued. */
    public static SSLContext server(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCas)
            throws GeneralSecurityException {
        return context(keyManagers(chain, key), clientCas.isEmpty() ? null : trustManagers(clientCas));
    }

    public static List<X509Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException(pem + " holds no PEM certificate");
        }
        return out;
    }

    public static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            throw new GeneralSecurityException(pem + " holds no unencrypted PEM private key");
        }
    }

    /** Writes certificates and keys as PEM (the key file readable by its owner only is the caller's care). */
    public static void writePem(Path file, Object... objects) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                // keys as PKCS#8 ("PRIVATE KEY"), which every tool reads, curve parameters included
                pem.writeObject(o instanceof PrivateKey key ? new JcaPKCS8Generator(key, null).generate() : o);
            }
        }
    }

    private static KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key)
            throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setKeyEntry("identity", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, IN_MEMORY);
        return kmf.getKeyManagers();
    }

    private static TrustManager[] trustManagers(List<X509Certificate> cas) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }
}
