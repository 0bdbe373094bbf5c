package dev.oms.platform.webhooks;

import dev.oms.platform.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Standard Webhooks signature scheme (https://www.standardwebhooks.com): a message is signed with HMAC-SHA256 over
 * {@code "<webhook-id>.<webhook-timestamp>.<body>"}, keyed with the base64-decoded secret (without its {@code whsec_}
 * prefix), and sent as {@code webhook-signature: v1,<base64>}; several space-separated signatures may be sent (one per
 * secret during a rotation) and a receiver accepts the message when any of them matches.
 */
public final class WebhookSignature {
    public static final String SECRET_PREFIX = "whsec_";
    public static final int SECRET_BYTES = 32;
    /** A secret of one's own: base64 of at least this many characters (after the optional prefix). */
    public static final int MIN_SECRET_CHARS = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() { }

    /** {@code whsec_} + base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Why a secret someone chose cannot be used ({@code secret.too_short}, {@code secret.not_base64}), or null. */
    public static String secretProblem(String secret) {
        String b64 = withoutPrefix(secret);
        if (b64.length() < MIN_SECRET_CHARS) return "secret.too_short";
        try {
            Base64.getDecoder().decode(b64);
            return null;
        } catch (IllegalArgumentException e) {
            return "secret.not_base64";
        }
    }

    /** {@code v1,<base64 HMAC-SHA256>} of one message with one secret. */
    public static String sign(String secret, String messageId, long timestamp, String body) {
        byte[] digest = HmacSha256.of(Base64.getDecoder().decode(withoutPrefix(secret)), messageId + "." + timestamp + "." + body);
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }

    /** The {@code webhook-signature} header: one signature per secret, space-separated. */
    public static String header(List<String> secrets, String messageId, long timestamp, String body) {
        List<String> signatures = new ArrayList<>();
        for (String s : secrets) signatures.add(sign(s, messageId, timestamp, body));
        return String.join(" ", signatures);
    }

    /** True when one of the header's {@code v1} signatures is the message's signature with this secret. */
    public static boolean verify(String secret, String messageId, long timestamp, String body, String header) {
        if (header == null) return false;
        byte[] expected = sign(secret, messageId, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String given : header.trim().split("\\s+")) {
            if (given.startsWith("v1,") && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) return true;
        }
        return false;
    }

    private static String withoutPrefix(String secret) {
        return secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    }
}
