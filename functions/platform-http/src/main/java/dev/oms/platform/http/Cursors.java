package dev.oms.platform.http;

import dev.oms.platform.config.Env;
import dev.oms.platform.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Opaque, tamper-proof cursors: the store's position plus the query it belongs to, signed with HMAC-SHA256. A cursor
 * that was altered, or is used with other filters, is refused with {@code request.invalid_cursor}.
 */
public final class Cursors {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private final byte[] secret;

    public Cursors(byte[] secret) { this.secret = secret.clone(); }

    public static Cursors fromEnvironment() {
        return new Cursors(Env.get("OMS_CURSOR_SECRET", Env.required("OMS_TOKEN_SECRET") + ":cursors").getBytes(StandardCharsets.UTF_8));
    }

    public String encode(String position, String query) {
        if (position == null) return null;
        String payload = ENC.encodeToString(position.getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENC.encodeToString(mac(payload + "|" + query));
    }

    /** The position in a cursor issued for this query, or null when there is no cursor. */
    public String decode(String cursor, String query) {
        if (cursor == null || cursor.isEmpty()) return null;
        int dot = cursor.indexOf('.');
        try {
            if (dot <= 0) throw new IllegalArgumentException();
            String payload = cursor.substring(0, dot);
            byte[] given = DEC.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(payload + "|" + query))) throw new IllegalArgumentException();
            return new String(DEC.decode(payload), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("request.invalid_cursor", "The cursor is not one this list issued for these filters");
        }
    }

    private byte[] mac(String s) { return HmacSha256.of(secret, s); }
}
