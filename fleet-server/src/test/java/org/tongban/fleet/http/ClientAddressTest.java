package org.tongban.fleet.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** X-Forwarded-For believed only from trusted proxies, read from its end; anything else: the socket's peer. */
class ClientAddressTest {

    private final ClientAddress behindTwoProxies = new ClientAddress(List.of("10.0.0.1", "10.0.0.2"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("10.0.0.1", new ClientAddress(List.of()).of("10.0.0.1", List.of("203.0.113.7")));
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsAForgery() {
        assertEquals("198.51.100.9", behindTwoProxies.of("198.51.100.9", List.of("203.0.113.7")));
    }

    @Test
    void fromATrustedProxyTheFirstAddressFromTheEndThatIsNoProxyIsTheClient() {
        assertEquals("203.0.113.7", behindTwoProxies.of("10.0.0.1", List.of("203.0.113.7")));
        // what a client wrote itself comes before the address the nearest proxy appended: it is not believed
        assertEquals("203.0.113.7", behindTwoProxies.of("10.0.0.1", List.of("1.2.3.4, 203.0.113.7, 10.0.0.2")));
        assertEquals("203.0.113.7", behindTwoProxies.of("10.0.0.1", List.of("1.2.3.4", "203.0.113.7,10.0.0.2")));
        assertEquals("2001:db8:0:0:0:0:0:7", behindTwoProxies.of("10.0.0.1", List.of("2001:db8::7")));
        assertEquals("10.0.0.2", behindTwoProxies.of("10.0.0.1", List.of("10.0.0.2")), "only proxies: the farthest");
    }

    @Test
    void aHeaderThatIsNotAListOfAddressesIsNotBelieved() {
        assertEquals("10.0.0.1", behindTwoProxies.of("10.0.0.1", List.of("example.org")));
        assertEquals("10.0.0.1", behindTwoProxies.of("10.0.0.1", List.of("203.0.113.7, unknown")));
        assertEquals("10.0.0.1", behindTwoProxies.of("10.0.0.1", List.of("")));
        assertEquals("10.0.0.1", behindTwoProxies.of("10.0.0.1", List.of()));
    }

    @Test
    void aTrustedProxyMustBeAnAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("nginx.local")));
        assertEquals("--trusted-proxy nginx.local is not an IP address", e.getMessage());
    }
}
