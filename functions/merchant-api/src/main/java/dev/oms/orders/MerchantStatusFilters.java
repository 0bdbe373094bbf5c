package dev.oms.orders;

import static dev.oms.orders.MerchantListQuery.terms;

import dev.oms.app.merchant.MerchantStatus;
import dev.oms.app.search.OrderSearchDocument;
import dev.oms.app.search.SearchField;
import dev.oms.app.search.SearchFilter;
import java.util.List;

/**
 * The merchant statuses over the fields of the search index (status, payment and fulfilment status), for the list's
 * {@code status} filter and the {@code merchant_status} of each listed order. The index has no shipping status and no
 * "processing" mark: {@code confirmed} and {@code processing} list the same orders (confirmed, nothing shipped) and a
 * listed order shows {@code confirmed}; {@code shipped} is a confirmed order with units shipped; {@code delivered} is a
 * completed (closed) order. The order's own view (GET) has the exact status (docs/merchant-api.md).
 */
final class MerchantStatusFilters {
    private MerchantStatusFilters() { }

    static List<SearchFilter> of(MerchantStatus s) {
        SearchFilter notRefunded = new SearchFilter.Terms(SearchField.PAYMENT_STATUS, List.of("refunded"), true);
        return switch (s) {
            case PENDING -> List.of(terms(SearchField.STATUS, "created", "pending"), notRefunded);
            case CONFIRMED, PROCESSING -> List.of(terms(SearchField.STATUS, "confirmed", "on_hold"), terms(SearchField.FULFILLMENT_STATUS, "unfulfilled"), notRefunded);
            case SHIPPED -> List.of(terms(SearchField.STATUS, "confirmed", "on_hold"), terms(SearchField.FULFILLMENT_STATUS, "partially_fulfilled", "fulfilled"), notRefunded);
            case DELIVERED -> List.of(terms(SearchField.STATUS, "completed"), notRefunded);
            case CANCELLED -> List.of(terms(SearchField.STATUS, "cancelling", "cancelled"), notRefunded);
            case REFUNDED -> List.of(terms(SearchField.PAYMENT_STATUS, "refunded"));
        };
    }

    static MerchantStatus of(OrderSearchDocument d) {
        if ("refunded".equals(d.paymentStatus())) return MerchantStatus.REFUNDED;
        return switch (d.status()) {
            case "created", "pending" -> MerchantStatus.PENDING;
            case "cancelling", "cancelled" -> MerchantStatus.CANCELLED;
            case "completed" -> MerchantStatus.DELIVERED;
            default -> "unfulfilled".equals(d.fulfillmentStatus()) ? MerchantStatus.CONFIRMED : MerchantStatus.SHIPPED;
        };
    }
}
