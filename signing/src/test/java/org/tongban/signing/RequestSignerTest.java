package org.tongban.signing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    private static final byte[] SECRET = "terminal-secret-0001".getBytes(StandardCharsets.UTF_8);

    @Test
    void sm3OfAbcIsTheStandardTestVector() {
        // GB/T 32905-2016, example 1.
        assertThat(RequestSigner.sm3Hex("abc".getBytes(StandardCharsets.US_ASCII)),
                equalTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"));
    }

    @Test
    void signatureIsHmacSm3OverTheHandBuiltCanonicalString() {
        byte[] body = "{\"transactions\":[]}".getBytes(StandardCharsets.UTF_8);
        // The body hash in the canonical string is computed independently of RequestSigner.sm3Hex.
        SM3Digest sm3 = new SM3Digest();
        sm3.update(body, 0, body.length);
        byte[] bodyHash = new byte[32];
        sm3.doFinal(bodyHash, 0);
        String canonical = "POST\n/api/v1/transactions:batch?x=1\n1763700000000\n0123456789abcdef0123\n"
                + HexFormat.of().formatHex(bodyHash);

        HMac hmac = new HMac(new SM3Digest());
        hmac.init(new KeyParameter(SECRET));
        byte[] input = canonical.getBytes(StandardCharsets.UTF_8);
        hmac.update(input, 0, input.length);
        byte[] mac = new byte[32];
        hmac.doFinal(mac, 0);
        String expected = HexFormat.of().formatHex(mac);

        RequestSigner signer = new RequestSigner(SECRET);
        String signature = signer.sign("POST", "/api/v1/transactions:batch?x=1", "1763700000000",
                "0123456789abcdef0123", body);

        assertThat(signature, equalTo(expected));
        assertThat(signature, matchesPattern("[0-9a-f]{64}"));
        assertThat(signer.verify("POST", "/api/v1/transactions:batch?x=1", "1763700000000", "0123456789abcdef0123",
                body, expected), is(true));
    }

    @Test
    void emptyBodyHashesTheEmptyString() {
        assertThat(RequestSigner.canonicalString("GET", "/api/v1/catalog", "1", "n", new byte[0]),
                equalTo("GET\n/api/v1/catalog\n1\nn\n"
                        + "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"));
    }

    @Test
    void verifyRefusesAnyChangeAndAnyOtherSecret() {
        RequestSigner signer = new RequestSigner(SECRET);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String good = signer.sign("POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body);

        assertThat(signer.verify("POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body, good), is(true));
        assertThat(signer.verify("POST", "/api/v1/heartbeat", "1001", "abcdefabcdefabcd", body, good), is(false));
        assertThat(signer.verify("POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabce", body, good), is(false));
        assertThat(signer.verify("POST", "/api/v1/catalog", "1000", "abcdefabcdefabcd", body, good), is(false));
        assertThat(signer.verify("POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", "{ }".getBytes(
                StandardCharsets.UTF_8), good), is(false));
        assertThat(signer.verify("POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body, "zz"), is(false));
        assertThat(signer.verify("POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body, null), is(false));
        assertThat(new RequestSigner("other".getBytes(StandardCharsets.UTF_8))
                .verify("POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body, good), is(false));
    }

    @Test
    void noncesAreLongRandomHex() {
        RequestSigner signer = new RequestSigner(SECRET);
        String a = signer.newNonce();
        assertThat(a, matchesPattern("[0-9a-f]{32}"));
        assertThat(signer.newNonce(), not(equalTo(a)));
    }

    @Test
    void version11BindsTheTerminalId() {
        RequestSigner signer = new RequestSigner(SECRET);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(RequestSigner.canonicalString("YN-KM-GD-0001", "POST", "/api/v1/heartbeat", "1000", "n", body),
                equalTo("YN-KM-GD-0001\n" + RequestSigner.canonicalString("POST", "/api/v1/heartbeat", "1000", "n", body)));
        String good = signer.sign("YN-KM-GD-0001", "POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body);

        assertThat(signer.verify("YN-KM-GD-0001", "POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body, good),
                is(true));
        assertThat(signer.verify("YN-KM-GD-0002", "POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body, good),
                is(false));
        // a 1.1 signature is not a valid 1.0 one, nor the other way round
        assertThat(signer.verify("POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body, good), is(false));
        assertThat(signer.verify(null, "POST", "/api/v1/heartbeat", "1000", "abcdefabcdefabcd", body, good), is(false));
    }

    @Test
    void answersAreSignedOverStatusRequestNonceTimestampAndBody() {
        RequestSigner signer = new RequestSigner(SECRET);
        byte[] body = "{\"match\":true}".getBytes(StandardCharsets.UTF_8);
        assertThat(RequestSigner.answerCanonicalString(200, "abcdefabcdefabcd", "2000", body),
                equalTo("200\nabcdefabcdefabcd\n2000\n" + RequestSigner.sm3Hex(body)));
        String good = signer.signAnswer(200, "abcdefabcdefabcd", "2000", body);

        assertThat(signer.verifyAnswer(200, "abcdefabcdefabcd", "2000", body, good), is(true));
        assertThat(signer.verifyAnswer(401, "abcdefabcdefabcd", "2000", body, good), is(false));
        assertThat(signer.verifyAnswer(200, "abcdefabcdefabce", "2000", body, good), is(false));
        assertThat(signer.verifyAnswer(200, "abcdefabcdefabcd", "2001", body, good), is(false));
        assertThat(signer.verifyAnswer(200, "abcdefabcdefabcd", "2000",
                "{\"match\":false}".getBytes(StandardCharsets.UTF_8), good), is(false));
        assertThat(signer.verifyAnswer(200, "abcdefabcdefabcd", "2000", body, null), is(false));
        assertThat(new RequestSigner("other".getBytes(StandardCharsets.UTF_8))
                .verifyAnswer(200, "abcdefabcdefabcd", "2000", body, good), is(false));
    }
}
