package dev.oms.domain.settings;

import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.money.Currencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What each policy type needs: its parameters present, in range, and nothing it does not use. */
public final class PolicyRules {
    public static final int MAX_POLICIES = 20, MAX_CHANNELS = 50, MAX_WITHIN_HOURS = 720, MAX_ORDERS = 1000;

    private PolicyRules() { }

    public static void check(Policy p) {
        List<FieldError> errors = new ArrayList<>();
        if (!Policy.TYPES.contains(p.type())) {
            errors.add(new FieldError("type", "field.not_allowed", "type must be one of " + Policy.TYPES));
            throw DomainException.invalid(errors);
        }
        boolean channels = !p.channels().isEmpty(), amounts = !p.amounts().isEmpty(), velocity = p.maxOrders() != null || p.withinHours() != null;
        switch (p.type()) {
            case Policy.AUTO_CONFIRM -> {
                if (!channels) errors.add(new FieldError("channels", "field.required", "auto_confirm needs the trusted channels"));
                unused(errors, amounts, "amounts", p.type());
                unused(errors, velocity, "max_orders", p.type());
            }
            case Policy.FRAUD_TOTAL_ABOVE -> {
                if (!amounts) errors.add(new FieldError("amounts", "field.required", "fraud_total_above needs an amount per currency"));
                for (Map.Entry<String, Long> e : p.amounts().entrySet()) {
                    if (!Currencies.isKnown(e.getKey())) errors.add(new FieldError("amounts." + e.getKey(), "currency.unknown", e.getKey() + " is not an ISO 4217 currency"));
                    else if (e.getValue() == null || e.getValue() < 0) errors.add(new FieldError("amounts." + e.getKey(), "field.out_of_range", "an amount is 0 or more minor units"));
                }
                unused(errors, channels, "channels", p.type());
                unused(errors, velocity, "max_orders", p.type());
            }
            case Policy.FRAUD_COUNTRY_MISMATCH, Policy.AUTO_FULFILL_DIGITAL -> {
                unused(errors, channels, "channels", p.type());
                unused(errors, amounts, "amounts", p.type());
                unused(errors, velocity, "max_orders", p.type());
            }
            case Policy.FRAUD_VELOCITY -> {
                if (p.maxOrders() == null || p.maxOrders() < 2 || p.maxOrders() > MAX_ORDERS) {
                    errors.add(new FieldError("max_orders", "field.out_of_range", "max_orders is 2 to " + MAX_ORDERS));
                }
                if (p.withinHours() == null || p.withinHours() < 1 || p.withinHours() > MAX_WITHIN_HOURS) {
                    errors.add(new FieldError("within_hours", "field.out_of_range", "within_hours is 1 to " + MAX_WITHIN_HOURS));
                }
                unused(errors, channels, "channels", p.type());
                unused(errors, amounts, "amounts", p.type());
            }
            case Policy.AUTO_CANCEL_UNPAID -> {
                if (p.withinHours() == null || p.withinHours() < 1 || p.withinHours() > MAX_WITHIN_HOURS) {
                    errors.add(new FieldError("within_hours", "field.out_of_range", "within_hours is 1 to " + MAX_WITHIN_HOURS));
                }
                unused(errors, channels, "channels", p.type());
                unused(errors, amounts, "amounts", p.type());
                unused(errors, p.maxOrders() != null, "max_orders", p.type());
            }
            default -> throw new IllegalStateException(p.type());
        }
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
    }

    private static void unused(List<FieldError> errors, boolean present, String field, String type) {
        if (present) errors.add(new FieldError(field, "policy.parameter_not_used", type + " does not use " + field));
    }
}
