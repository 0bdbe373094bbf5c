package dev.oms.app.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shape of an API key's secret, {@code omsk_<keyId>_<64 hex characters>} (256 random bits), and its
 * stored form, the SHA-256 in hex. A bearer credential that starts with {@link #PREFIX} is an API key.
 */
public final class ApiKeySecrets {
    public static final String PREFIX = "omsk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() { }

    static String newSecret(String keyId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + keyId + "_" + HexFormat.of().formatHex(bytes);
    }

    public static boolean looksLikeKey(String credential) { return credential != null && credential.startsWith(PREFIX); }

    /** The key id of a presented secret, or null when it is not shaped like one. */
    static String keyId(String secret) {
        if (!looksLikeKey(secret)) return null;
        int end = secret.lastIndexOf('_');
        if (end <= PREFIX.length()) return null;
        String id = secret.substring(PREFIX.length(), end);
        return id.matches("[A-Za-z0-9_]{1,64}") ? id : null;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Compares in constant time. */
    static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
