package dev.oms.app.connector.registry;

/**
 * Addresses a tenant must not write to again: hard bounces and complaints reported by SES. Addresses are kept as
 * SHA-256 hashes of their lower-case form, so the table holds no address in clear.
 */
public interface NotificationSuppressions {
    boolean suppressed(String tenantId, String address);

    /** {@code reason}: {@code bounce} or {@code complaint}. */
    void suppress(String tenantId, String address, String reason);

    static String hash(String address) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(address.trim().toLowerCase(java.util.Locale.ROOT)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
