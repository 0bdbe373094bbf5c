package dev.oms.domain.settings;

import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.money.Currencies;
import dev.oms.domain.order.Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change to the settings: only the fields present are changed; {@code null} resets a nullable setting
 * ({@code default_warehouse}, {@code order_retention_days}, {@code return_address}, {@code support_email},
 * {@code storefront_cart_url}; {@code rate_limits} back to its defaults, {@code customer_faq} to none). {@link #applyTo} checks every
 * value and answers the new settings with the list of what changed (field, before, after) for the audit trail.
 */
public final class SettingsPatch {
    public static final List<String> FIELDS = List.of("allow_partial_shipments", "auto_confirm_thresholds", "cancellation_policy",
            "default_warehouse", "order_retention_days", "return_window_days", "quote_ttl_minutes", "allow_hard_delete", "return_address",
            "payment_terms_customers", "payment_terms_channels", "rate_limits", "support_email", "storefront_cart_url", "customer_faq",
            "impersonation_consent");

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Sets a field (one of {@link #FIELDS}) to a plain value: Boolean, Long, String, a Map of currency to Long, an Address, a Map of rate limit to Long ({@code rate_limits}), or null. */
    public SettingsPatch set(String field, Object value) {
        if (!FIELDS.contains(field)) throw new IllegalArgumentException("not a setting: " + field);
        values.put(field, value);
        return this;
    }

    public boolean isEmpty() { return values.isEmpty(); }

    /** One changed setting, as the audit trail and the {@code settings.updated} history record it. */
    public record Change(String field, Object before, Object after) { }

    public record Result(OrderSettings settings, List<Change> changes) { }

    @SuppressWarnings("unchecked")
    public Result applyTo(OrderSettings s) {
        List<FieldError> errors = new ArrayList<>();
        boolean partial = s.allowPartialShipments(), hardDelete = s.allowHardDelete();
        Map<String, Long> thresholds = s.autoConfirmThresholds();
        String policy = s.cancellationPolicy(), warehouse = s.defaultWarehouse();
        Integer retention = s.orderRetentionDays();
        int window = s.returnWindowDays(), quoteTtl = s.quoteTtlMinutes();
        Address returnAddress = s.returnAddress();
        List<String> termsCustomers = s.paymentTermsCustomers(), termsChannels = s.paymentTermsChannels();
        RateLimits rateLimits = s.rateLimits();
        String supportEmail = s.supportEmail(), cartUrl = s.storefrontCartUrl();
        List<FaqEntry> faq = s.customerFaq();
        String consent = s.impersonationConsent();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String f = e.getKey();
            Object v = e.getValue();
            switch (f) {
                case "allow_partial_shipments" -> partial = bool(errors, f, v);
                case "allow_hard_delete" -> hardDelete = bool(errors, f, v);
                case "auto_confirm_thresholds" -> thresholds = thresholds(errors, f, v);
                case "cancellation_policy" -> {
                    if (!OrderSettings.BEFORE_SHIPMENT.equals(v) && !OrderSettings.BEFORE_CONFIRMATION.equals(v)) {
                        errors.add(new FieldError(f, "field.not_allowed", "cancellation_policy must be before_shipment or before_confirmation"));
                    } else policy = (String) v;
                }
                case "default_warehouse" -> {
                    if (v != null && !(v instanceof String w && !w.isBlank() && w.length() <= 64)) {
                        errors.add(new FieldError(f, "field.type", "default_warehouse is a warehouse id of 1 to 64 characters, or null"));
                    } else warehouse = (String) v;
                }
                case "order_retention_days" -> retention = v == null ? null
                        : (int) range(errors, f, v, OrderSettings.MIN_RETENTION_DAYS, OrderSettings.MAX_RETENTION_DAYS, retention == null ? 0 : retention);
                case "return_window_days" -> window = (int) range(errors, f, v, 0, OrderSettings.MAX_RETURN_WINDOW_DAYS, window);
                case "quote_ttl_minutes" -> quoteTtl = (int) range(errors, f, v, 1, OrderSettings.MAX_QUOTE_TTL_MINUTES, quoteTtl);
                case "return_address" -> {
                    if (v != null && !(v instanceof Address a && a.line1() != null && a.city() != null && a.country() != null)) {
                        errors.add(new FieldError(f, "field.invalid", "return_address needs line1, city and country"));
                    } else returnAddress = (Address) v;
                }
                case "payment_terms_customers" -> termsCustomers = ids(errors, f, v, termsCustomers);
                case "payment_terms_channels" -> termsChannels = ids(errors, f, v, termsChannels);
                case "rate_limits" -> rateLimits = v == null ? RateLimits.DEFAULTS : rateLimits.with(f, v, errors);
                case "support_email" -> {
                    if (v != null && !(v instanceof String m && m.length() <= 254 && m.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
                        errors.add(new FieldError(f, "field.invalid", "support_email is an email address of at most 254 characters, or null"));
                    } else supportEmail = (String) v;
                }
                case "storefront_cart_url" -> {
                    if (v != null && !(v instanceof String u && u.length() <= 500 && CART_URL.matcher(u).matches() && u.contains(OrderSettings.CART_ID_PLACEHOLDER))) {
                        errors.add(new FieldError(f, "field.invalid", "storefront_cart_url is an https:// URL of at most 500 characters with {cart_id} where the cart's id goes, or null"));
                    } else cartUrl = (String) v;
                }
                case "customer_faq" -> faq = faq(errors, f, v);
                case "impersonation_consent" -> {
                    if (!(v instanceof String c && OrderSettings.CONSENT_MODES.contains(c))) {
                        errors.add(new FieldError(f, "field.not_allowed", "impersonation_consent is customer_opt_in, all_customers or disabled"));
                    } else consent = c;
                }
                default -> throw new IllegalStateException(f);
            }
        }
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
        OrderSettings next = new OrderSettings(partial, thresholds, policy, warehouse, retention, window, quoteTtl, hardDelete, returnAddress,
                termsCustomers, termsChannels, rateLimits, supportEmail, cartUrl, faq, consent);
        List<Change> changes = new ArrayList<>();
        change(changes, "allow_partial_shipments", s.allowPartialShipments(), next.allowPartialShipments());
        change(changes, "auto_confirm_thresholds", s.autoConfirmThresholds(), next.autoConfirmThresholds());
        change(changes, "cancellation_policy", s.cancellationPolicy(), next.cancellationPolicy());
        change(changes, "default_warehouse", s.defaultWarehouse(), next.defaultWarehouse());
        change(changes, "order_retention_days", s.orderRetentionDays(), next.orderRetentionDays());
        change(changes, "return_window_days", s.returnWindowDays(), next.returnWindowDays());
        change(changes, "quote_ttl_minutes", s.quoteTtlMinutes(), next.quoteTtlMinutes());
        change(changes, "allow_hard_delete", s.allowHardDelete(), next.allowHardDelete());
        change(changes, "return_address", s.returnAddress(), next.returnAddress());
        change(changes, "payment_terms_customers", s.paymentTermsCustomers(), next.paymentTermsCustomers());
        change(changes, "payment_terms_channels", s.paymentTermsChannels(), next.paymentTermsChannels());
        change(changes, "rate_limits", s.rateLimits().toMap(), next.rateLimits().toMap());
        change(changes, "support_email", s.supportEmail(), next.supportEmail());
        change(changes, "storefront_cart_url", s.storefrontCartUrl(), next.storefrontCartUrl());
        change(changes, "customer_faq", faqValue(s.customerFaq()), faqValue(next.customerFaq()));
        change(changes, "impersonation_consent", s.impersonationConsent(), next.impersonationConsent());
        return new Result(next, changes);
    }

    private static final java.util.regex.Pattern CART_URL = java.util.regex.Pattern.compile("https://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[^\\s]*)?");

    /** {@code customer_faq}: a list of {@code {question, answer}} maps (null empties it). */
    private static List<FaqEntry> faq(List<FieldError> errors, String f, Object v) {
        if (v == null) return List.of();
        if (!(v instanceof List<?> list) || list.size() > FaqEntry.MAX_ENTRIES) {
            errors.add(new FieldError(f, "field.invalid", "customer_faq is a list of at most " + FaqEntry.MAX_ENTRIES + " {question, answer} entries, or null"));
            return List.of();
        }
        List<FaqEntry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            Object q = e instanceof Map<?, ?> m ? m.get("question") : null, a = e instanceof Map<?, ?> m2 ? m2.get("answer") : null;
            boolean okQ = q instanceof String qs && !qs.isBlank() && qs.length() <= FaqEntry.MAX_QUESTION;
            boolean okA = a instanceof String as && !as.isBlank() && as.length() <= FaqEntry.MAX_ANSWER;
            if (!(e instanceof Map<?, ?> m3) || m3.size() != 2 || !okQ || !okA) {
                errors.add(new FieldError(f + "[" + i + "]", "field.invalid", "an entry is {question: 1-" + FaqEntry.MAX_QUESTION
                        + " characters, answer: 1-" + FaqEntry.MAX_ANSWER + " characters}"));
            } else {
                out.add(new FaqEntry(((String) q).strip(), ((String) a).strip()));
            }
        }
        return out;
    }

    private static List<Map<String, String>> faqValue(List<FaqEntry> faq) {
        List<Map<String, String>> out = new ArrayList<>();
        for (FaqEntry e : faq) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("question", e.question());
            m.put("answer", e.answer());
            out.add(m);
        }
        return out;
    }

    private static void change(List<Change> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) changes.add(new Change(field, before, after));
    }

    private static boolean bool(List<FieldError> errors, String f, Object v) {
        if (v instanceof Boolean b) return b;
        errors.add(new FieldError(f, "field.type", f + " is true or false"));
        return false;
    }

    private static long range(List<FieldError> errors, String f, Object v, long min, long max, long fallback) {
        if (!(v instanceof Long n)) {
            errors.add(new FieldError(f, "field.type", f + " is an integer"));
            return fallback;
        }
        if (n < min || n > max) {
            errors.add(new FieldError(f, "field.out_of_range", f + " must be between " + min + " and " + max));
            return fallback;
        }
        return n;
    }

    /** A list of ids (customers or channels): strings of 1 to 128 characters, at most 500, each once; null empties it. */
    private static List<String> ids(List<FieldError> errors, String f, Object v, List<String> fallback) {
        if (v == null) return List.of();
        if (!(v instanceof List<?> list)) {
            errors.add(new FieldError(f, "field.type", f + " is an array of ids"));
            return fallback;
        }
        if (list.size() > OrderSettings.MAX_TERMS_ENTRIES) {
            errors.add(new FieldError(f, "field.too_many", f + " holds at most " + OrderSettings.MAX_TERMS_ENTRIES + " ids"));
            return fallback;
        }
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String id) || id.isBlank() || id.length() > OrderSettings.MAX_TERMS_ID_LENGTH) {
                errors.add(new FieldError(f + "[" + i + "]", "field.type", "an id of 1 to " + OrderSettings.MAX_TERMS_ID_LENGTH + " characters"));
            } else if (!seen.add(id)) {
                errors.add(new FieldError(f + "[" + i + "]", "field.duplicate", id + " is listed twice"));
            }
        }
        return List.copyOf(seen);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> thresholds(List<FieldError> errors, String f, Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            errors.add(new FieldError(f, "field.type", f + " is an object of currency codes to amounts in minor units"));
            return Map.of();
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String currency = String.valueOf(e.getKey());
            if (!Currencies.isKnown(currency)) {
                errors.add(new FieldError(f + "." + currency, "currency.unknown", currency + " is not an ISO 4217 currency"));
            } else if (!(e.getValue() instanceof Long amount) || amount < 0) {
                errors.add(new FieldError(f + "." + currency, "field.out_of_range", "a threshold is an amount of 0 or more minor units"));
            } else {
                out.put(currency, amount);
            }
        }
        return out;
    }
}
