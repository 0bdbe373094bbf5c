package dev.oms.app.port;

import java.time.Instant;

/** List filters; null means "any". {@code newestFirst} sorts by creation time descending. */
public record OrderFilter(String status, String customerId, String channel, Instant from, Instant to, Long minTotal,
                          boolean newestFirst) {
    public OrderFilter withCustomer(String id) {
        return new OrderFilter(status, id, channel, from, to, minTotal, newestFirst);
    }
}
