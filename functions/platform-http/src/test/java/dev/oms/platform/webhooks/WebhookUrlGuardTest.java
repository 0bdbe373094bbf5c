package dev.oms.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookUrlGuardTest {
    /** A DNS of our own: names map to addresses; IP literals resolve to themselves, as the JDK does without a lookup. */
    static final class FakeDns implements WebhookUrlGuard.Resolver {
        final Map<String, String[]> names = new HashMap<>();

        FakeDns name(String host, String... addresses) { names.put(host, addresses); return this; }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String[] a = names.get(host);
            if (a == null) {
                if (host.matches("[0-9.]+") || host.contains(":")) return new InetAddress[] {InetAddress.getByName(host)};
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[a.length];
            for (int i = 0; i < a.length; i++) out[i] = InetAddress.getByName(a[i]);
            return out;
        }
    }

    final FakeDns dns = new FakeDns()
            .name("hooks.example.com", "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
            .name("rebind.example.com", "93.184.215.14", "10.0.0.8")
            .name("metadata.example.com", "169.254.169.254")
            .name("localhost", "127.0.0.1", "::1");
    final WebhookUrlGuard guard = new WebhookUrlGuard(dns, false);
    final WebhookUrlGuard local = new WebhookUrlGuard(dns, true);

    static String code(Optional<WebhookUrlGuard.Rejection> r) { return r.map(WebhookUrlGuard.Rejection::code).orElse("ok"); }

    @Test
    void publicHttpsUrlsPass() {
        assertThat(code(guard.check("https://hooks.example.com/oms?x=1"))).isEqualTo("ok");
        assertThat(code(guard.check("https://hooks.example.com:8443/oms"))).isEqualTo("ok");
        assertThat(code(guard.check("https://8.8.8.8/hook"))).isEqualTo("ok");
        assertThat(code(guard.check("https://[2606:4700:4700::1111]/hook"))).isEqualTo("ok");
    }

    @Test
    void onlyHttps() {
        assertThat(code(guard.check("http://hooks.example.com/oms"))).isEqualTo("url.not_https");
        assertThat(code(guard.check("ftp://hooks.example.com/oms"))).isEqualTo("url.invalid");
        assertThat(code(guard.check("hooks.example.com/oms"))).isEqualTo("url.invalid");
        assertThat(code(guard.check("https:///nohost"))).isEqualTo("url.invalid");
        assertThat(code(guard.check("https://exa mple.com/"))).isEqualTo("url.invalid");
    }

    @Test
    void unknownHostsAreRefused() {
        assertThat(code(guard.check("https://nowhere.example.com/x"))).isEqualTo("url.unresolvable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "169.254.10.10", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250", "240.0.0.1",
            "255.255.255.255", "192.0.2.10", "198.51.100.7", "203.0.113.9", "198.18.0.1", "[::1]", "[::]", "[fc00::1]",
            "[fd12:3456:789a::1]", "[fe80::1]", "[ff02::1]", "[::ffff:10.0.0.1]", "[::ffff:127.0.0.1]", "[64:ff9b::a00:1]",
            "[2002:a00:1::]", "[2001:db8::1]"})
    void privateLoopbackLinkLocalSharedMulticastAndReservedAddressesAreRefused(String host) {
        assertThat(code(guard.check("https://" + host + "/hook"))).as(host).isEqualTo("url.not_public");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "100.63.255.255", "100.128.0.1", "172.15.0.1", "172.32.0.1", "192.169.0.1", "169.253.0.1",
            "223.255.255.254", "[2606:4700:4700::1111]", "[::ffff:8.8.8.8]", "[2002:808:808::]"})
    void neighboursOfThoseRangesArePublic(String host) {
        assertThat(code(guard.check("https://" + host + "/hook"))).as(host).isEqualTo("ok");
    }

    @Test
    void aHostWithAnyNonPublicAddressIsRefused() {
        assertThat(code(guard.check("https://rebind.example.com/x"))).isEqualTo("url.not_public");
        assertThat(guard.check("https://metadata.example.com/latest").orElseThrow().message()).contains("169.254.169.254");
    }

    @Test
    void theCheckAsksDnsEveryTimeSoARebindIsCaught() {
        assertThat(code(guard.check("https://moving.example.com/x"))).isEqualTo("url.unresolvable");
        dns.name("moving.example.com", "93.184.215.14");
        assertThat(code(guard.check("https://moving.example.com/x"))).isEqualTo("ok");
        dns.name("moving.example.com", "127.0.0.1");
        assertThat(code(guard.check("https://moving.example.com/x"))).isEqualTo("url.not_public");
    }

    @Test
    void localhostOnlyWhenTheLocalRuntimeAllowsIt() {
        assertThat(code(guard.check("http://127.0.0.1:8080/hook"))).isEqualTo("url.not_https");
        assertThat(code(guard.check("https://localhost:8443/hook"))).isEqualTo("url.not_public");
        assertThat(code(local.check("http://127.0.0.1:8080/hook"))).isEqualTo("ok");
        assertThat(code(local.check("http://localhost:8080/hook"))).isEqualTo("ok");
        assertThat(code(local.check("http://10.0.0.1:8080/hook"))).isEqualTo("url.not_https");
        assertThat(code(local.check("https://10.0.0.1/hook"))).isEqualTo("url.not_public");
        assertThat(code(local.check("https://hooks.example.com/oms"))).isEqualTo("ok");
    }
}
