package dev.oms.platform.documents;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a carrier's shipping label shows: who sends, who receives, the carrier and its service, the tracking number
 * (printed as a Code 128 barcode), the parcel's weight in grams (null when unknown), which parcel of the shipment this
 * is, the order number and the merchant's own reference (null when none).
 */
public record ShippingLabel(PostalAddress shipFrom, PostalAddress shipTo, String carrier, String serviceCode,
                            String trackingNumber, Integer weightGrams, int parcelIndex, int parcelCount,
                            String orderNumber, String reference, LocalDate createdOn) {
    /**
     * The widest barcode, in modules with its quiet zones, that fits across a 4 inch label at 2 dots a module on a
     * 203 dpi printer (about 10 mil, the narrowest carriers scan reliably): 28 characters, or 56 digits.
     */
    public static final int MAX_BARCODE_MODULES = 372;
    /** Blank modules either side of the barcode (the standard asks for at least 10). */
    public static final int QUIET_ZONE = 10;

    public ShippingLabel {
        Objects.requireNonNull(shipFrom, "shipFrom");
        Objects.requireNonNull(shipTo, "shipTo");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(createdOn, "createdOn");
        Code128.requireEncodable(trackingNumber);
        if (Code128.modules(trackingNumber) + 2 * QUIET_ZONE > MAX_BARCODE_MODULES) {
            throw new IllegalArgumentException("tracking number " + trackingNumber + " is too long for a barcode across a 4 inch label "
                    + "(at most 28 characters, or 56 digits)");
        }
        if (weightGrams != null && weightGrams <= 0) throw new IllegalArgumentException("weightGrams must be positive");
        if (parcelCount < 1 || parcelIndex < 1 || parcelIndex > parcelCount) {
            throw new IllegalArgumentException("parcel " + parcelIndex + " of " + parcelCount);
        }
    }
}
