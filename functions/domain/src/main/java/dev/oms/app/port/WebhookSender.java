package dev.oms.app.port;

import java.util.List;

/** Sends one webhook message, signed with each of the secrets, and says how the endpoint answered. */
public interface WebhookSender {

    /**
     * {@code statusCode} 0 when there was no HTTP answer (refused address, timeout, connection error); {@code error}
     * says what went wrong, null on a 2xx.
     */
    record Result(int statusCode, long latencyMillis, String error) {
        public boolean isSuccess() { return statusCode >= 200 && statusCode < 300; }

        public Integer statusOrNull() { return statusCode == 0 ? null : statusCode; }
    }

    /** Never throws for what the endpoint or the network did: that is in the result. */
    Result send(String url, String messageId, String payload, List<String> secrets);
}
