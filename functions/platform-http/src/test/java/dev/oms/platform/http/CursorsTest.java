package dev.oms.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {
    private static final byte[] SECRET = "cursor-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String QUERY = "orders|status=created|customer=cus_1";
    private final Cursors cursors = new Cursors(SECRET);

    private static void assertRefused(Runnable r) {
        ApiProblem p = catchThrowableOfType(ApiProblem.class, r::run);
        assertThat(p).as("expected request.invalid_cursor").isNotNull();
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.code()).isEqualTo("request.invalid_cursor");
    }

    @Test
    void roundTrip() {
        String position = "{\"PK\":\"T#acme#ORDERS\",\"SK\":\"2025-08-29T10:00:00.000Z#01J\"}";
        String cursor = cursors.encode(position, QUERY);
        assertThat(cursor).isNotEqualTo(position).doesNotContain("T#acme");
        assertThat(cursors.decode(cursor, QUERY)).isEqualTo(position);
    }

    @Test
    void roundTripOfNonAsciiPosition() {
        String position = "caf\u00e9 \u2603 / + = ?";
        assertThat(cursors.decode(cursors.encode(position, ""), "")).isEqualTo(position);
    }

    @Test
    void cursorIsUrlSafe() {
        String cursor = cursors.encode("\u00ff\u00fe\u00fd?>>>???", QUERY);
        assertThat(cursor).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void aFreshInstanceWithTheSameSecretAcceptsTheCursor() {
        String cursor = cursors.encode("p1", QUERY);
        assertThat(new Cursors(SECRET.clone()).decode(cursor, QUERY)).isEqualTo("p1");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String cursor = cursors.encode("position-1", QUERY);
        String signature = cursor.substring(cursor.indexOf('.') + 1);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString("position-2".getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> cursors.decode(forgedPayload + "." + signature, QUERY));
    }

    @Test
    void tamperedSignatureIsRefused() {
        String cursor = cursors.encode("position-1", QUERY);
        int dot = cursor.indexOf('.');
        char first = cursor.charAt(dot + 1);
        String tampered = cursor.substring(0, dot + 1) + (first == 'A' ? 'B' : 'A') + cursor.substring(dot + 2);
        assertRefused(() -> cursors.decode(tampered, QUERY));
    }

    @Test
    void truncatedSignatureIsRefused() {
        String cursor = cursors.encode("position-1", QUERY);
        assertRefused(() -> cursors.decode(cursor.substring(0, cursor.length() - 4), QUERY));
    }

    @Test
    void cursorOfAnotherQueryIsRefused() {
        String cursor = cursors.encode("position-1", QUERY);
        assertRefused(() -> cursors.decode(cursor, "orders|status=confirmed|customer=cus_1"));
        assertRefused(() -> cursors.decode(cursor, ""));
    }

    @Test
    void cursorSignedWithAnotherSecretIsRefused() {
        String cursor = new Cursors("another-secret-entirely-0123456789".getBytes(StandardCharsets.UTF_8)).encode("p", QUERY);
        assertRefused(() -> cursors.decode(cursor, QUERY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", ".abc", "abc.", "!!!.***", "a.b.c", "cGFnZQ", "cGFnZQ.%%%"})
    void garbageIsRefused(String cursor) {
        assertRefused(() -> cursors.decode(cursor, QUERY));
    }

    @Test
    void noCursorMeansFirstPage() {
        assertThat(cursors.decode(null, QUERY)).isNull();
        assertThat(cursors.decode("", QUERY)).isNull();
    }

    @Test
    void noPositionMeansNoCursor() {
        assertThat(cursors.encode(null, QUERY)).isNull();
    }

    @Test
    void secretIsCopied() {
        byte[] secret = SECRET.clone();
        Cursors c = new Cursors(secret);
        String cursor = c.encode("p", QUERY);
        secret[0] ^= 1;
        assertThat(c.decode(cursor, QUERY)).isEqualTo("p");
    }
}
