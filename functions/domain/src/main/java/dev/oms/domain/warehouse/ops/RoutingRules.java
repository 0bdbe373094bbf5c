package dev.oms.domain.warehouse.ops;

import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates routing rules and evaluates them deterministically: enabled rules in ascending priority, then id; the first
 * whose every condition holds decides. Each rule examined gets one line of explanation (which condition failed, or that it
 * matched), so a caller can see why a warehouse was chosen. A SKU condition ending in {@code *} is a prefix.
 */
public final class RoutingRules {
    public static final int MAX_RULES = 100, MAX_VALUES = 50, MAX_PRIORITY = 10_000;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}\\*?");

    private RoutingRules() { }

    /** The rule that decided (null: none matched), and one explanation line per rule examined. */
    public record Decision(RoutingRule matched, List<Explanation> explanations) {
        public String warehouseId() { return matched == null ? null : matched.warehouseId(); }
        public String carrier() { return matched == null ? null : matched.carrier(); }
    }

    public record Explanation(String ruleId, boolean matched, String reason) { }

    public static void check(RoutingRule r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.priority() < 0 || r.priority() > MAX_PRIORITY) errors.add(new FieldError("priority", "field.out_of_range", "priority is 0 to " + MAX_PRIORITY));
        for (String c : r.destinationCountries()) {
            if (!COUNTRY.matcher(c).matches()) errors.add(new FieldError("destination_countries", "field.format", "a country is two upper-case letters (ISO 3166-1)"));
        }
        for (String s : r.skus()) if (!TOKEN.matcher(s).matches()) errors.add(new FieldError("skus", "field.format", "a SKU is 1-64 letters, digits or _.:- with an optional trailing *"));
        for (String s : r.serviceLevels()) if (!TOKEN.matcher(s).matches() || s.endsWith("*")) errors.add(new FieldError("service_levels", "field.format", "a service level is 1-64 letters, digits or _.:-"));
        if (r.maxWeightGrams() != null && r.maxWeightGrams() < 1) errors.add(new FieldError("max_weight_grams", "field.out_of_range", "max_weight_grams is 1 or more"));
        if (r.warehouseId() == null || r.warehouseId().isBlank()) errors.add(new FieldError("warehouse_id", "field.required", "warehouse_id is required"));
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
    }

    public static Decision evaluate(List<RoutingRule> rules, RoutingQuery q) {
        List<RoutingRule> ordered = new ArrayList<>(rules);
        ordered.sort(Comparator.comparingInt(RoutingRule::priority).thenComparing(RoutingRule::id));
        List<Explanation> lines = new ArrayList<>();
        for (RoutingRule r : ordered) {
            if (!r.enabled()) {
                lines.add(new Explanation(r.id(), false, "disabled"));
                continue;
            }
            String failed = firstFailedCondition(r, q);
            if (failed == null) {
                lines.add(new Explanation(r.id(), true, "every condition holds: ships from " + r.warehouseId()
                        + (r.carrier() == null ? "" : " by " + r.carrier())));
                return new Decision(r, lines);
            }
            lines.add(new Explanation(r.id(), false, failed));
        }
        return new Decision(null, lines);
    }

    private static String firstFailedCondition(RoutingRule r, RoutingQuery q) {
        if (!r.destinationCountries().isEmpty()) {
            String c = q.destinationCountry() == null ? null : q.destinationCountry().toUpperCase(Locale.ROOT);
            if (c == null || !r.destinationCountries().contains(c)) return "destination " + (c == null ? "(none)" : c) + " is not in " + r.destinationCountries();
        }
        if (!r.skus().isEmpty()) {
            if (q.skus().isEmpty()) return "no SKU given; the rule needs one of " + r.skus();
            for (String sku : q.skus()) if (!skuMatches(r.skus(), sku)) return "SKU " + sku + " matches none of " + r.skus();
        }
        if (!r.serviceLevels().isEmpty() && (q.serviceLevel() == null || !r.serviceLevels().contains(q.serviceLevel()))) {
            return "service level " + (q.serviceLevel() == null ? "(none)" : q.serviceLevel()) + " is not in " + r.serviceLevels();
        }
        if (r.maxWeightGrams() != null && (q.weightGrams() == null || q.weightGrams() > r.maxWeightGrams())) {
            return q.weightGrams() == null ? "no weight given; the rule takes at most " + r.maxWeightGrams() + " g"
                    : "weight " + q.weightGrams() + " g is over " + r.maxWeightGrams() + " g";
        }
        return null;
    }

    private static boolean skuMatches(List<String> patterns, String sku) {
        for (String p : patterns) {
            if (p.endsWith("*") ? sku.startsWith(p.substring(0, p.length() - 1)) : sku.equals(p)) return true;
        }
        return false;
    }
}
