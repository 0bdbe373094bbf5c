package dev.oms.app.guest;

import dev.oms.app.connector.NotificationSender;
import dev.oms.app.connector.NotificationSender.Notification;
import dev.oms.app.port.OrderRepository;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The guest order lookup (docs/customer-care.md, "Guest lookup"): an email and an order number that match an order
 * send a one-time code to the order's email; the code, within 15 minutes and once, proves the guest owns that
 * order. Whether anything matched is never told: {@link #lookup} does the same reads and writes either way (a miss
 * stores a challenge no code opens), and {@link #verify} fails the same way for every reason.
 */
public final class GuestLookupService {
    public static final long CODE_TTL_SECONDS = 900;

    private final OrderNumbers numbers;
    private final OrderRepository orders;
    private final GuestChallengeStore challenges;
    private final NotificationSender notifications;
    private final Supplier<String> codes;
    private final byte[] secret;
    private final Clock clock;

    public GuestLookupService(OrderNumbers numbers, OrderRepository orders, GuestChallengeStore challenges,
                              NotificationSender notifications, Supplier<String> codes, byte[] secret, Clock clock) {
        this.numbers = numbers;
        this.orders = orders;
        this.challenges = challenges;
        this.notifications = notifications;
        this.codes = codes;
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** What a lookup did, for the logs only: the caller is never told. */
    public enum Outcome { NO_MATCH, CODE_SENT, NOTIFICATION_FAILED }

    /**
     * Looks the order up and, when the email is the order's, sends it a new code. The answer is for the logs: the
     * API tells the caller nothing (a failed email is not a 503, which would tell that the order exists).
     */
    public Outcome lookup(String tenantId, String email, long orderNumber) {
        Optional<Order> order = numbers.orderIdOf(tenantId, orderNumber).flatMap(id -> orders.find(tenantId, id))
                .filter(o -> !o.isDeleted() && emailOf(o).map(e -> e.equalsIgnoreCase(email.trim())).orElse(false));
        String code = codes.get();
        long now = clock.instant().getEpochSecond();
        String key = key(tenantId, email, orderNumber);
        challenges.put(tenantId, new GuestChallenge(key, order.map(Order::id).orElse(null), hash("code\n" + key + "\n" + code),
                now + CODE_TTL_SECONDS, 0, false));
        if (order.isEmpty()) return Outcome.NO_MATCH;
        Order o = order.get();
        try {
            notifications.send(tenantId, new Notification("email", emailOf(o).orElseThrow(), "guest.verification_code",
                    "Your code for order " + o.state().number,
                    "Your verification code for order " + o.state().number + " is " + code + ". It is valid for 15 minutes and can be used once. "
                            + "If you did not ask for it, ignore this email.",
                    Map.of("order_id", o.id())));
        } catch (dev.oms.app.connector.ConnectorException e) {
            return Outcome.NOTIFICATION_FAILED;
        }
        return Outcome.CODE_SENT;
    }

    /** The order the code opens, or empty (no such lookup, a wrong, expired or used code, or no order matched). */
    public Optional<String> verify(String tenantId, String email, long orderNumber, String code) {
        String key = key(tenantId, email, orderNumber);
        Optional<GuestChallenge> found = challenges.find(tenantId, key);
        long now = clock.instant().getEpochSecond();
        if (found.isEmpty() || !found.get().usable(now)) return Optional.empty();
        GuestChallenge c = found.get();
        boolean right = MessageDigest.isEqual(c.codeHash().getBytes(StandardCharsets.UTF_8),
                hash("code\n" + key + "\n" + code).getBytes(StandardCharsets.UTF_8));
        if (!right) {
            challenges.recordFailedAttempt(tenantId, key);
            return Optional.empty();
        }
        return challenges.consume(tenantId, key) ? Optional.of(c.orderId()) : Optional.empty();
    }

    /** The challenge's key: a keyed hash, so the table holds neither the email nor a guessable id. */
    public String key(String tenantId, String email, long orderNumber) {
        return hash("challenge\n" + tenantId + "\n" + orderNumber + "\n" + email.trim().toLowerCase(Locale.ROOT));
    }

    /** A keyed hash of a throttling subject (an order number, a client address), for quota names. */
    public String subjectHash(String tenantId, String what) { return hash("subject\n" + tenantId + "\n" + what).substring(0, 32); }

    private static Optional<String> emailOf(Order o) {
        for (Address a : new Address[] {o.state().billingAddress, o.state().shippingAddress}) {
            if (a != null && a.email() != null && !a.email().isBlank()) return Optional.of(a.email());
        }
        return Optional.empty();
    }

    private String hash(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
