package dev.oms.platform.webhooks;

import dev.oms.platform.config.Env;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where webhooks may go: {@code https} URLs whose host resolves only to public addresses, so a subscription cannot make
 * the OMS call into its own network (loopback, RFC 1918, link-local and the 169.254.169.254 metadata service, CGNAT
 * 100.64/10, unique-local fc00::/7, multicast, unspecified and reserved ranges). It is checked when a subscription is
 * made and again before every delivery, as DNS can change in between (rebinding). With
 * {@code OMS_WEBHOOKS_ALLOW_LOCALHOST=true} (the local runtime), {@code http(s)://127.0.0.1} and {@code localhost} are
 * allowed too.
 */
public final class WebhookUrlGuard {
    public static final int MAX_URL_LENGTH = 2048;
    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost");

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver DNS = InetAddress::getAllByName;

    /** Why a URL is refused: a field error code ({@code url.invalid}, {@code url.not_https}, ...) and a message. */
    public record Rejection(String code, String message) {
        @Override
        public String toString() { return code + ": " + message; }
    }

    private final Resolver resolver;
    private final boolean allowLocalhost;

    public WebhookUrlGuard(Resolver resolver, boolean allowLocalhost) {
        this.resolver = resolver;
        this.allowLocalhost = allowLocalhost;
    }

    public static WebhookUrlGuard fromEnvironment() {
        return new WebhookUrlGuard(DNS, "true".equals(Env.get("OMS_WEBHOOKS_ALLOW_LOCALHOST", "false")));
    }

    /** Empty when webhooks may be sent to the URL now. */
    public Optional<Rejection> check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return reject("url.invalid", "The URL is not valid: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !Set.of("http", "https").contains(scheme)) {
            return reject("url.invalid", "The URL needs an https scheme and a host, such as https://example.com/webhooks");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean local = allowLocalhost && LOCAL_HOSTS.contains(host);
        if (!scheme.equals("https") && !local) return reject("url.not_https", "Webhooks are only sent over https");
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return reject("url.unresolvable", "The host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (local ? !a.isLoopbackAddress() : !isPublic(a)) {
                return reject("url.not_public", "The host " + host + " resolves to " + a.getHostAddress() + ", which is not a public address");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(String code, String message) { return Optional.of(new Rejection(code, message)); }

    /** An address on the public internet: not loopback, private, link-local, shared, multicast or reserved. */
    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) return isPublicV4(b);
        int first = b[0] & 0xff, second = b[1] & 0xff;
        if ((first & 0xfe) == 0xfc) return false;                                   // fc00::/7 unique local
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) return false;  // 2001:db8::/32 documentation
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return isPublicV4(tail(b, 12));  // ::ffff:a.b.c.d
        if (isZero(b, 0, 12)) return isPublicV4(tail(b, 12));                       // ::a.b.c.d (deprecated, compatible)
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
            return isPublicV4(tail(b, 12));                                         // 64:ff9b::/96 NAT64
        }
        if (first == 0x20 && second == 0x02) return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]});  // 2002::/16 6to4
        return true;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff, a1 = b[1] & 0xff, a2 = b[2] & 0xff;
        if (a0 == 0 || a0 == 10 || a0 == 127) return false;                         // this network, private, loopback
        if (a0 == 100 && (a1 & 0xc0) == 64) return false;                           // 100.64/10 shared (CGNAT)
        if (a0 == 169 && a1 == 254) return false;                                   // link-local, metadata service
        if (a0 == 172 && (a1 & 0xf0) == 16) return false;                           // 172.16/12 private
        if (a0 == 192 && a1 == 168) return false;                                   // 192.168/16 private
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) return false;             // IETF protocol assignments, TEST-NET-1
        if (a0 == 198 && (a1 == 18 || a1 == 19)) return false;                      // benchmarking
        if (a0 == 198 && a1 == 51 && a2 == 100) return false;                       // TEST-NET-2
        if (a0 == 203 && a1 == 0 && a2 == 113) return false;                        // TEST-NET-3
        return a0 < 224;                                                            // multicast, reserved, broadcast
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private static byte[] tail(byte[] b, int from) { return java.util.Arrays.copyOfRange(b, from, b.length); }
}
