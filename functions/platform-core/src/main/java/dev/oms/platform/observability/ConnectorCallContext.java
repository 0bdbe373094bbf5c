package dev.oms.platform.observability;

/**
 * What the call log needs from the thread that calls a connector: the request's correlation id (set by the API
 * handler or a saga task) and the vendor's request id (set by an adapter once the vendor answered).
 */
public final class ConnectorCallContext {
    private static final ThreadLocal<String> CORRELATION = new ThreadLocal<>();
    private static final ThreadLocal<String> VENDOR_REQUEST = new ThreadLocal<>();

    private ConnectorCallContext() { }

    public static void correlationId(String id) {
        if (id == null) CORRELATION.remove(); else CORRELATION.set(id);
    }

    public static String correlationId() { return CORRELATION.get(); }

    /** An adapter names the vendor's id of the request it just made (Stripe's {@code Request-Id}, ...). */
    public static void vendorRequestId(String id) { VENDOR_REQUEST.set(id); }

    public static String takeVendorRequestId() {
        String id = VENDOR_REQUEST.get();
        VENDOR_REQUEST.remove();
        return id;
    }
}
