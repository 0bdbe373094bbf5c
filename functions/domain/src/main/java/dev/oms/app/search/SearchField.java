package dev.oms.app.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of the search DSL ({@code filters}, {@code sort}, {@code aggregations}): their wire name, what kind of
 * value they hold (which operators they take) and the document field behind them. The list is the whole DSL: a field
 * that is not here is refused.
 */
public enum SearchField {
    STATUS("status", Kind.KEYWORD, "status", true, true),
    CHANNEL("channel", Kind.KEYWORD, "channel", false, true),
    CUSTOMER_ID("customer_id", Kind.KEYWORD, "customer_id", false, false),
    CURRENCY("currency", Kind.KEYWORD, "currency", true, true),
    SKU("sku", Kind.KEYWORD, "skus", false, false),
    TRACKING_NUMBER("tracking_number", Kind.KEYWORD, "tracking_numbers", false, false),
    PAYMENT_STATUS("payment_status", Kind.KEYWORD, "payment_status", true, true),
    FULFILLMENT_STATUS("fulfillment_status", Kind.KEYWORD, "fulfillment_status", true, true),
    RETURN_STATUS("return_status", Kind.KEYWORD, "return_status", true, true),
    EXTERNAL_REFERENCE("external_reference", Kind.KEYWORD, "external_reference", false, false),
    MERCHANT_REFERENCE("merchant_reference", Kind.KEYWORD, "merchant_reference", false, false),
    CUSTOMER_REFERENCE("customer_reference", Kind.KEYWORD, "customer_reference", false, false),
    CREATED_AT("created_at", Kind.TIME, "created_at", true, false),
    UPDATED_AT("updated_at", Kind.TIME, "updated_at", true, false),
    TOTAL("total", Kind.MONEY, "total", true, false),
    ORDER_NUMBER("order_number", Kind.NUMBER, "order_number", true, false),
    ID("id", Kind.KEYWORD, "id", true, false),
    /** Admin search only ({@code POST /v1/admin/orders/search}): the fraud screening's score (0-100) and the rules it fired. */
    FRAUD_SCORE("fraud_score", Kind.NUMBER, "fraud_score", false, false),
    FRAUD_RULE("fraud_rule", Kind.KEYWORD, "fraud_rules", false, false);

    /** The fields only the admin search takes (agents' fraud signals are not for every searcher). */
    public static final Set<SearchField> ADMIN_ONLY = Set.of(FRAUD_SCORE, FRAUD_RULE);

    /**
     * Keyword fields take {@code eq}, {@code in}, {@code not_in}; the others take ranges (and {@code eq}). Only fields
     * every order has are sortable: a cursor's sort values are never missing.
     */
    public enum Kind { KEYWORD, TIME, MONEY, NUMBER }

    /** The fields {@code aggregations.terms} counts by. */
    public static final Set<SearchField> TERMS = Set.of(STATUS, CHANNEL, CURRENCY, PAYMENT_STATUS, FULFILLMENT_STATUS, RETURN_STATUS);

    private final String wire;
    private final Kind kind;
    private final String documentField;
    private final boolean sortable;
    private final boolean aggregatable;

    SearchField(String wire, Kind kind, String documentField, boolean sortable, boolean aggregatable) {
        this.wire = wire;
        this.kind = kind;
        this.documentField = documentField;
        this.sortable = sortable;
        this.aggregatable = aggregatable;
    }

    public String wire() { return wire; }
    public Kind kind() { return kind; }
    public String documentField() { return documentField; }
    public boolean sortable() { return sortable; }
    public boolean aggregatable() { return aggregatable; }

    public static Optional<SearchField> fromWire(String wire) {
        return Arrays.stream(values()).filter(f -> f.wire.equals(wire)).findFirst();
    }

    /** The filterable fields' wire names (every field but {@code id}, which is for sorting only, and the admin-only ones). */
    public static List<String> filterable() { return filterable(false); }

    /** The filterable fields' wire names, with the {@link #ADMIN_ONLY} ones for the admin search. */
    public static List<String> filterable(boolean admin) {
        return Arrays.stream(values()).filter(f -> f != ID && (admin || !ADMIN_ONLY.contains(f))).map(SearchField::wire).toList();
    }
}
