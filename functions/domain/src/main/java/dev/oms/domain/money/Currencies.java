package dev.oms.domain.money;

import dev.oms.domain.DomainException;
import java.util.Currency;
import java.util.regex.Pattern;

/** ISO 4217 currencies and their minor-unit exponents (JPY 0, GBP 2, KWD 3). */
public final class Currencies {
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    /** Codes the JDK still knows that are withdrawn, replaced, or fund and accounting units rather than money. */
    private static final java.util.Set<String> NOT_CIRCULATING = java.util.Set.of(
            "ADP", "AFA", "ATS", "AYM", "AZM", "BEF", "BGL", "BOV", "BYB", "BYR", "CHE", "CHW", "CLF", "COU", "CSD", "CUC",
            "CYP", "DEM", "EEK", "ESP", "FIM", "FRF", "GHC", "GRD", "GWP", "HRK", "IEP", "ITL", "LTL", "LUF", "LVL", "MGF",
            "MRO", "MTL", "MXV", "MZM", "NLG", "PTE", "ROL", "RUR", "SDD", "SIT", "SKK", "SLL", "SRG", "STD", "TMM", "TPE",
            "TRL", "USN", "USS", "UYI", "UYW", "VEB", "VED", "VEF", "XSU", "XUA", "YUM", "ZMK", "ZWD", "ZWL", "ZWN", "ZWR");

    private Currencies() { }

    /** The number of minor-unit digits, or an exception if the code is not a circulating ISO 4217 currency. */
    public static int exponent(String code) {
        if (!isKnown(code)) {
            throw DomainException.invalidField("currency", "currency.unknown", "Unknown ISO 4217 currency: " + code);
        }
        return Currency.getInstance(code).getDefaultFractionDigits();
    }

    public static boolean isKnown(String code) {
        if (code == null || !CODE.matcher(code).matches() || NOT_CIRCULATING.contains(code)) return false;
        try {
            return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
