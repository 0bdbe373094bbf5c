package dev.oms.domain.settings;

import dev.oms.domain.order.Address;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's order settings (seed 000 section 16), with their defaults. Where each one is enforced is in
 * docs/settings.md; {@link SettingsPatch} checks and applies a change.
 *
 * @param allowPartialShipments  a fulfilment may hold part of the remaining units (default true)
 * @param autoConfirmThresholds  per currency, the highest total (minor units) the {@code auto_confirm} policy confirms
 * @param cancellationPolicy     {@code before_shipment} (default) or {@code before_confirmation}
 * @param defaultWarehouse       the warehouse of a fulfilment that names none (null: warehouse_id is required)
 * @param orderRetentionDays     orders older than this are archived and removed (null: kept for ever)
 * @param returnWindowDays       days after delivery returns are accepted (default 30; 0: no returns)
 * @param quoteTtlMinutes        how long an edit quote stays valid (default 15)
 * @param allowHardDelete        admins may delete orders for good (default false)
 * @param returnAddress          where customers send returns (null: return labels cannot be made)
 * @param paymentTermsCustomers  customers whose orders may be confirmed on payment terms without an authorization
 * @param paymentTermsChannels   channels whose orders may be confirmed on payment terms without an authorization
 * @param rateLimits             the tenant's request quotas ({@link RateLimits#DEFAULTS} unless set)
 * @param supportEmail           where customer messages are announced to support (null: no announcement is sent;
 *                               the messages still reach the admin cases)
 * @param storefrontCartUrl      the storefront's link to a cart, with {@code {cart_id}} where the cart's id goes (null:
 *                               reorders answer the cart id only)
 * @param customerFaq            the shop's questions and answers shown with every order's FAQ (empty by default)
 * @param impersonationConsent   whose orders staff may impersonate: {@code customer_opt_in} (default: customers who opted
 *                               in), {@code all_customers} (the shop's terms cover it; a customer may opt out) or
 *                               {@code disabled}
 */
public record OrderSettings(boolean allowPartialShipments, Map<String, Long> autoConfirmThresholds, String cancellationPolicy,
                            String defaultWarehouse, Integer orderRetentionDays, int returnWindowDays, int quoteTtlMinutes,
                            boolean allowHardDelete, Address returnAddress, List<String> paymentTermsCustomers,
                            List<String> paymentTermsChannels, RateLimits rateLimits, String supportEmail, String storefrontCartUrl,
                            List<FaqEntry> customerFaq, String impersonationConsent) {
    public static final String BEFORE_SHIPMENT = "before_shipment", BEFORE_CONFIRMATION = "before_confirmation";
    public static final String CONSENT_OPT_IN = "customer_opt_in", CONSENT_ALL = "all_customers", CONSENT_DISABLED = "disabled";
    public static final java.util.Set<String> CONSENT_MODES = java.util.Set.of(CONSENT_OPT_IN, CONSENT_ALL, CONSENT_DISABLED);
    public static final int DEFAULT_RETURN_WINDOW_DAYS = 30, DEFAULT_QUOTE_TTL_MINUTES = 15;
    public static final int MAX_RETURN_WINDOW_DAYS = 365, MIN_RETENTION_DAYS = 30, MAX_RETENTION_DAYS = 3650, MAX_QUOTE_TTL_MINUTES = 1440;
    /** At most this many customers, and channels, may be allowed payment terms; each id 1 to 128 characters. */
    public static final int MAX_TERMS_ENTRIES = 500, MAX_TERMS_ID_LENGTH = 128;

    public static final OrderSettings DEFAULTS = new OrderSettings(true, Map.of(), BEFORE_SHIPMENT, null, null,
            DEFAULT_RETURN_WINDOW_DAYS, DEFAULT_QUOTE_TTL_MINUTES, false, null, List.of(), List.of(), RateLimits.DEFAULTS, null, null, List.of(), CONSENT_OPT_IN);
    /** The placeholder of {@code storefront_cart_url}. */
    public static final String CART_ID_PLACEHOLDER = "{cart_id}";

    public OrderSettings {
        rateLimits = rateLimits == null ? RateLimits.DEFAULTS : rateLimits;
        autoConfirmThresholds = autoConfirmThresholds == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(autoConfirmThresholds));
        paymentTermsCustomers = paymentTermsCustomers == null ? List.of() : List.copyOf(new java.util.TreeSet<>(paymentTermsCustomers));
        paymentTermsChannels = paymentTermsChannels == null ? List.of() : List.copyOf(new java.util.TreeSet<>(paymentTermsChannels));
        customerFaq = customerFaq == null ? List.of() : List.copyOf(customerFaq);
        impersonationConsent = impersonationConsent == null ? CONSENT_OPT_IN : impersonationConsent;
    }

    /** Without the impersonation consent (the settings before it existed): customers who opted in. */
    public OrderSettings(boolean allowPartialShipments, Map<String, Long> autoConfirmThresholds, String cancellationPolicy,
                         String defaultWarehouse, Integer orderRetentionDays, int returnWindowDays, int quoteTtlMinutes,
                         boolean allowHardDelete, Address returnAddress, List<String> paymentTermsCustomers,
                         List<String> paymentTermsChannels, RateLimits rateLimits, String supportEmail, String storefrontCartUrl,
                         List<FaqEntry> customerFaq) {
        this(allowPartialShipments, autoConfirmThresholds, cancellationPolicy, defaultWarehouse, orderRetentionDays, returnWindowDays,
                quoteTtlMinutes, allowHardDelete, returnAddress, paymentTermsCustomers, paymentTermsChannels, rateLimits, supportEmail,
                storefrontCartUrl, customerFaq, CONSENT_OPT_IN);
    }

    /**
     * Whether staff may impersonate a customer whose own choice is {@code customerChoice} (null: never chose): under
     * {@code customer_opt_in} only after an opt-in, under {@code all_customers} unless opted out, never when disabled.
     */
    public boolean impersonationAllowed(Boolean customerChoice) {
        return switch (impersonationConsent) {
            case CONSENT_ALL -> !Boolean.FALSE.equals(customerChoice);
            case CONSENT_DISABLED -> false;
            default -> Boolean.TRUE.equals(customerChoice);
        };
    }

    /** Without the two storefront settings (the settings before they existed). */
    public OrderSettings(boolean allowPartialShipments, Map<String, Long> autoConfirmThresholds, String cancellationPolicy,
                         String defaultWarehouse, Integer orderRetentionDays, int returnWindowDays, int quoteTtlMinutes,
                         boolean allowHardDelete, Address returnAddress, List<String> paymentTermsCustomers,
                         List<String> paymentTermsChannels, RateLimits rateLimits, String supportEmail) {
        this(allowPartialShipments, autoConfirmThresholds, cancellationPolicy, defaultWarehouse, orderRetentionDays, returnWindowDays,
                quoteTtlMinutes, allowHardDelete, returnAddress, paymentTermsCustomers, paymentTermsChannels, rateLimits, supportEmail, null, null);
    }

    /** The storefront's link to a cart, or null when the tenant has none. */
    public String cartUrl(String cartId) {
        return storefrontCartUrl == null ? null : storefrontCartUrl.replace(CART_ID_PLACEHOLDER,
                java.net.URLEncoder.encode(cartId, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The auto-confirm threshold for a currency, or null when the tenant set none for it. */
    public Long autoConfirmThreshold(String currency) { return autoConfirmThresholds.get(currency); }
}
