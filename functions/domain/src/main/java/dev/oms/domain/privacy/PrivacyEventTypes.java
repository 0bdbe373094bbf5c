package dev.oms.domain.privacy;

import java.util.Set;

/**
 * The events of GDPR erasure requests: {@code order_id} null and {@code subject} the request
 * ({@code erasure_request}); they never name the customer. Part of {@code OrderEventTypes.ALL}.
 */
public final class PrivacyEventTypes {
    public static final String ERASURE_REQUESTED = "customer.erasure_requested";
    public static final String ERASURE_REJECTED = "customer.erasure_rejected";
    public static final String ERASURE_COMPLETED = "customer.erasure_completed";
    public static final String ERASURE_FAILED = "customer.erasure_failed";
    /** On each erased order (an order event, with the order's next version). */
    public static final String ORDER_PERSONAL_DATA_ERASED = "order.personal_data_erased";
    public static final Set<String> ALL = Set.of(ERASURE_REQUESTED, ERASURE_REJECTED, ERASURE_COMPLETED, ERASURE_FAILED, ORDER_PERSONAL_DATA_ERASED);

    private PrivacyEventTypes() { }
}
