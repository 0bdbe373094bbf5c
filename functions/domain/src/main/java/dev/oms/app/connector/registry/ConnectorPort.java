package dev.oms.app.connector.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The external services the OMS talks to through a connector, each with the adapters that can serve it. The registry
 * chooses one adapter per tenant and port; {@code sandbox} is the built-in simulation every port has.
 */
public enum ConnectorPort {
    PAYMENTS("payments", List.of("sandbox", "stripe")),
    CARRIER("carrier", List.of("sandbox", "easypost")),
    NOTIFICATIONS("notifications", List.of("sandbox", "ses", "sns_sms")),
    INVENTORY("inventory", List.of("sandbox", "http")),
    FRAUD("fraud", List.of("sandbox", "http")),
    BILLING("billing", List.of("sandbox", "http")),
    FULFILLMENT_PROVIDER("fulfillment_provider", List.of("sandbox", "http")),
    CART("cart", List.of("sandbox", "http")),
    PROMOTIONS("promotions", List.of("sandbox", "http"));

    public static final String SANDBOX = "sandbox";

    private final String wireName;
    private final List<String> adapters;

    ConnectorPort(String wireName, List<String> adapters) {
        this.wireName = wireName;
        this.adapters = adapters;
    }

    /** The port's name in the API and the table ({@code payments}, {@code fulfillment_provider}, ...). */
    public String wireName() { return wireName; }

    /** The adapters that can serve this port, {@code sandbox} first. */
    public List<String> adapters() { return adapters; }

    public static Optional<ConnectorPort> parse(String wireName) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst();
    }
}
