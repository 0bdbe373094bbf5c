package dev.oms.platform.connectors.easypost;

import com.easypost.exception.APIException;
import com.easypost.exception.EasyPostException;
import com.easypost.model.Rate;
import com.easypost.model.Shipment;
import com.easypost.model.Tracker;
import com.easypost.model.TrackingDetail;
import com.easypost.service.EasyPostClient;
import dev.oms.app.connector.CarrierService;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.port.DocumentStorage;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import dev.oms.platform.observability.ConnectorCallContext;
import dev.oms.app.connector.registry.LabelPurchases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labels through EasyPost. EasyPost has no idempotency keys, so each label is bought exactly once by design: the
 * shipment is created (which costs nothing), its id is recorded as the intent under the OMS's booking key, and only
 * then is the label bought; a retry finds the intent, asks EasyPost for the shipment and reuses a label already bought
 * (for example when the buy's answer was lost to a time-out). Every label bought is archived in the documents bucket
 * ({@code labels/{tenant}/easypost/{shipment}.{pdf|zpl|png}}), so a reprint never buys again.
 */
public final class EasyPostCarrier implements CarrierService {
    static final String ADAPTER = "easypost";
    static final int DEFAULT_GRAMS = 500;
    static final String ADDRESS_UNVERIFIED = "ADDRESS.VERIFY.FAILURE";
    private static final HttpClient DOWNLOADS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final EasyPostClient client;
    private final LabelPurchases purchases;
    private final DocumentStorage documents;
    private final Address defaultFrom;
    private final String labelFormat;
    private final boolean verifyAddresses;

    public EasyPostCarrier(EasyPostClient client, LabelPurchases purchases, DocumentStorage documents, Address defaultFrom, String labelFormat,
                           boolean verifyAddresses) {
        this.client = client;
        this.purchases = purchases;
        this.documents = documents;
        this.defaultFrom = defaultFrom;
        this.labelFormat = labelFormat;
        this.verifyAddresses = verifyAddresses;
    }

    @Override
    public Booking book(String tenantId, BookingRequest request, String idempotencyKey) {
        List<Integer> weights = request.parcelWeights() == null || request.parcelWeights().isEmpty()
                ? List.of(DEFAULT_GRAMS) : request.parcelWeights();
        List<String> tracking = new ArrayList<>();
        Bought last = null;
        for (int i = 0; i < weights.size(); i++) {
            Integer grams = weights.get(i) == null ? DEFAULT_GRAMS : weights.get(i);
            String reference = request.shipmentId() == null ? null : request.shipmentId() + "-" + (i + 1);
            last = buyOnce(tenantId, idempotencyKey + "#" + (i + 1), request.from() == null ? defaultFrom : request.from(),
                    request.to(), grams, request.carrier(), request.serviceCode(), false, reference);
            tracking.add(last.trackingNumber);
            if (request.orderId() != null && request.shipmentId() != null) {
                purchases.recordShipment(tenantId, ADAPTER, last.vendorShipmentId, request.orderId(), request.shipmentId());
            }
        }
        return new Booking(last.carrier, last.service, tracking);
    }

    @Override
    public ReturnLabel returnLabel(String tenantId, String rmaId, Address from, Address to, String idempotencyKey) {
        Bought b = buyOnce(tenantId, idempotencyKey, from, to == null ? defaultFrom : to, DEFAULT_GRAMS, null, null, true, rmaId);
        return new ReturnLabel(b.carrier, b.service, b.trackingNumber);
    }

    @Override
    public List<TrackingReport> tracking(String tenantId, String trackingNumber) {
        try {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("tracking_code", trackingNumber);
            Tracker t = client.tracker.create(params);
            ConnectorCallContext.vendorRequestId(t.getId()); // EasyPost's client does not expose x-ep-request-uuid
            List<TrackingReport> out = new ArrayList<>();
            if (t.getTrackingDetails() == null) return out;
            int n = 0;
            for (TrackingDetail d : t.getTrackingDetails()) {
                n++;
                String location = d.getTrackingLocation() == null ? null : String.join(", ", java.util.stream.Stream.of(
                        d.getTrackingLocation().getCity(), d.getTrackingLocation().getState(), d.getTrackingLocation().getCountry())
                        .filter(s -> s != null && !s.isBlank()).toList());
                out.add(new TrackingReport(t.getId() + "-" + n, trackingNumber, status(d.getStatus()),
                        d.getDatetime() == null ? null : d.getDatetime().toInstant(), location, d.getMessage()));
            }
            return out;
        } catch (EasyPostException e) {
            throw translate("tracking", e);
        }
    }

    /**
     * Asks EasyPost to refund an unused label bought under the booking key (carriers refund labels that never
     * scanned, after their own review). Answers {@code submitted}, {@code refunded}, {@code rejected} or
     * {@code not_applicable}; a key no label was bought under is {@code not_bought}.
     */
    @Override
    public String refundLabel(String tenantId, String idempotencyKey) {
        var recorded = purchases.find(tenantId, ADAPTER, idempotencyKey);
        if (recorded.isEmpty() || !recorded.get().bought()) return REFUND_NOT_BOUGHT;
        try {
            Shipment s = client.shipment.refund(recorded.get().vendorShipmentId());
            ConnectorCallContext.vendorRequestId(s.getId());
            return s.getRefundStatus() == null ? "submitted" : s.getRefundStatus();
        } catch (EasyPostException e) {
            throw translate("refund_label", e);
        }
    }

    /**
     * Books a carrier pickup at the address (the warehouse by default) for the window. EasyPost books a pickup per
     * shipment and collects everything at the address: the pickup names the first parcel's shipment and the
     * instructions carry the parcel count. Bought once per key like a label: the pickup is created (free), recorded,
     * then the cheapest pickup rate is bought; a retry finds it and reuses it.
     */
    @Override
    public Pickup schedulePickup(String tenantId, PickupRequest request, String idempotencyKey) {
        String key = "pickup:" + idempotencyKey;
        var recorded = purchases.find(tenantId, ADAPTER, key);
        List<String> shipments = vendorShipments(tenantId, request.trackingNumbers());
        try {
            com.easypost.model.Pickup pickup;
            if (recorded.isPresent() && recorded.get().bought()) {
                var p = recorded.get();
                pickup = client.pickup.retrieve(p.vendorShipmentId());
                return new Pickup(pickup.getId(), p.carrier(), p.service(), pickup.getConfirmation(), request.earliest(), request.latest());
            }
            if (recorded.isPresent()) {
                pickup = client.pickup.retrieve(recorded.get().vendorShipmentId());
            } else {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("shipment", Map.of("id", shipments.get(0)));
                p.put("address", address(request.at() == null ? defaultFrom : request.at()));
                p.put("min_datetime", request.earliest().toString());
                p.put("max_datetime", request.latest().toString());
                p.put("reference", idempotencyKey);
                p.put("is_account_address", false);
                String count = shipments.size() + (shipments.size() == 1 ? " parcel" : " parcels");
                p.put("instructions", request.instructions() == null ? count : request.instructions() + " (" + count + ")");
                pickup = client.pickup.create(p);
                if (!purchases.recordIntent(tenantId, ADAPTER, key, pickup.getId())) {
                    pickup = client.pickup.retrieve(purchases.find(tenantId, ADAPTER, key).orElseThrow().vendorShipmentId());
                }
            }
            ConnectorCallContext.vendorRequestId(pickup.getId());
            if (pickup.getConfirmation() == null) {
                if (pickup.getPickupRates() == null || pickup.getPickupRates().isEmpty()) {
                    throw DomainException.unprocessable("carrier.no_rates", "EasyPost offers no pickup for this address and window",
                            "Try another window, or check the carrier accounts in EasyPost.");
                }
                Rate rate = pickup.getPickupRates().stream().min(Comparator.comparing(r -> r.getRate() == null ? Float.MAX_VALUE : r.getRate())).orElseThrow();
                Map<String, Object> buy = new LinkedHashMap<>();
                buy.put("carrier", rate.getCarrier());
                buy.put("service", rate.getService());
                pickup = client.pickup.buy(pickup.getId(), buy);
                purchases.recordBought(tenantId, ADAPTER, key, null, rate.getCarrier(), rate.getService(), null);
                return new Pickup(pickup.getId(), rate.getCarrier(), rate.getService(), pickup.getConfirmation(), request.earliest(), request.latest());
            }
            purchases.recordBought(tenantId, ADAPTER, key, null, null, null, null);
            return new Pickup(pickup.getId(), null, null, pickup.getConfirmation(), request.earliest(), request.latest());
        } catch (EasyPostException e) {
            throw translate("pickup", e);
        }
    }

    /**
     * Closes out labelled parcels on one EasyPost scan form, once per key; the form's file is archived in the documents
     * bucket ({@code labels/{tenant}/easypost/{scan form}.pdf}) and its EasyPost link answered.
     */
    @Override
    public ScanForm scanForm(String tenantId, List<String> trackingNumbers, String idempotencyKey) {
        String key = "scan_form:" + idempotencyKey;
        var recorded = purchases.find(tenantId, ADAPTER, key);
        List<Map<String, Object>> shipments = new ArrayList<>();
        for (String id : vendorShipments(tenantId, trackingNumbers)) shipments.add(Map.of("id", id));
        try {
            com.easypost.model.ScanForm form;
            if (recorded.isPresent() && recorded.get().bought()) {
                form = client.scanForm.retrieve(recorded.get().vendorShipmentId());
                return scanForm(form, trackingNumbers);
            }
            if (recorded.isPresent()) {
                form = client.scanForm.retrieve(recorded.get().vendorShipmentId());
            } else {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("shipments", shipments);
                form = client.scanForm.create(params);
                purchases.recordIntent(tenantId, ADAPTER, key, form.getId());
            }
            ConnectorCallContext.vendorRequestId(form.getId());
            String archive = form.getFormUrl() == null ? null : archiveFile(tenantId, form.getId(), form.getFormUrl(), "pdf");
            purchases.recordBought(tenantId, ADAPTER, key, null, null, null, archive);
            return scanForm(form, trackingNumbers);
        } catch (EasyPostException e) {
            throw translate("scan_form", e);
        }
    }

    /** The scan form as EasyPost has it now ({@code creating} is pending, {@code created} accepted, {@code failed} rejected). */
    @Override
    public ScanForm scanFormStatus(String tenantId, String scanFormId) {
        try {
            com.easypost.model.ScanForm form = client.scanForm.retrieve(scanFormId);
            ConnectorCallContext.vendorRequestId(form.getId());
            return scanForm(form, form.getTrackingCodes() == null ? List.of() : form.getTrackingCodes());
        } catch (EasyPostException e) {
            throw translate("scan_form_status", e);
        }
    }

    static ScanForm scanForm(com.easypost.model.ScanForm form, List<String> trackingNumbers) {
        String status = formStatus(form.getStatus());
        return new ScanForm(form.getId(), trackingNumbers, form.getFormUrl(), status, status.equals(FORM_REJECTED) ? form.getMessage() : null);
    }

    /** EasyPost's scan form states as the port's: {@code created} accepted, {@code failed} rejected, anything else pending. */
    static String formStatus(String easypost) {
        if ("created".equals(easypost)) return FORM_ACCEPTED;
        if ("failed".equals(easypost)) return FORM_REJECTED;
        return FORM_PENDING;
    }

    /** The EasyPost shipments of labels this adapter bought, by tracking number; another parcel is 422. */
    private List<String> vendorShipments(String tenantId, List<String> trackingNumbers) {
        if (trackingNumbers.isEmpty()) throw DomainException.invalidField("tracking_numbers", "field.required", "at least one parcel");
        List<String> out = new ArrayList<>();
        for (String number : trackingNumbers) {
            out.add(purchases.vendorShipmentOfTracking(tenantId, ADAPTER, number).orElseThrow(() -> DomainException.unprocessable(
                    "carrier.parcel_not_found", "EasyPost labelled no parcel " + number + " for this tenant",
                    "Only parcels labelled through the tenant's EasyPost connector can be collected or closed out.")));
        }
        return out;
    }

    /** EasyPost's tracking statuses as the OMS's. */
    public static String status(String easypost) {
        if (easypost == null) return "in_transit";
        return switch (easypost) {
            case "pre_transit" -> "label_created";
            case "out_for_delivery" -> "out_for_delivery";
            case "delivered", "available_for_pickup" -> "delivered";
            case "return_to_sender" -> "returned_to_sender";
            case "failure", "error", "cancelled" -> "exception";
            default -> "in_transit";
        };
    }

    private record Bought(String trackingNumber, String carrier, String service, String vendorShipmentId) { }

    private Bought buyOnce(String tenantId, String key, Address from, Address to, int grams, String carrierHint, String serviceHint,
                           boolean isReturn, String reference) {
        var recorded = purchases.find(tenantId, ADAPTER, key);
        if (recorded.isPresent() && recorded.get().bought()) {
            var p = recorded.get();
            return new Bought(p.trackingNumber(), p.carrier(), p.service(), p.vendorShipmentId());
        }
        try {
            Shipment shipment;
            if (recorded.isPresent()) {
                shipment = client.shipment.retrieve(recorded.get().vendorShipmentId());
            } else {
                shipment = client.shipment.create(shipmentParams(from, to, grams, isReturn, reference));
                if (!purchases.recordIntent(tenantId, ADAPTER, key, shipment.getId())) {
                    // another attempt recorded its shipment first: that one is the purchase
                    shipment = client.shipment.retrieve(purchases.find(tenantId, ADAPTER, key).orElseThrow().vendorShipmentId());
                }
            }
            if (!isBought(shipment)) {
                Rate rate = choose(shipment.getRates(), carrierHint, serviceHint);
                Map<String, Object> buy = new LinkedHashMap<>();
                buy.put("rate", Map.of("id", rate.getId()));
                shipment = client.shipment.buy(shipment.getId(), buy);
            }
            return recordBought(tenantId, key, shipment);
        } catch (EasyPostException e) {
            throw translate("book", e);
        }
    }

    private static boolean isBought(Shipment s) {
        return s.getTrackingCode() != null && s.getPostageLabel() != null && s.getPostageLabel().getLabelUrl() != null;
    }

    private Bought recordBought(String tenantId, String key, Shipment s) {
        ConnectorCallContext.vendorRequestId(s.getId()); // the call log names EasyPost's shipment
        Rate r = s.getSelectedRate();
        String carrier = r == null ? null : r.getCarrier();
        String service = r == null ? null : r.getService();
        String archive = archive(tenantId, s);
        purchases.recordBought(tenantId, ADAPTER, key, s.getTrackingCode(), carrier, service, archive);
        return new Bought(s.getTrackingCode(), carrier, service, s.getId());
    }

    /** Copies the label file into the documents bucket; answers its key, or null when it could not be fetched now. */
    private String archive(String tenantId, Shipment s) {
        String format = s.getPostageLabel().getLabelFileType() == null ? labelFormat : s.getPostageLabel().getLabelFileType();
        String ext = format.toLowerCase(Locale.ROOT).contains("zpl") ? "zpl" : format.toLowerCase(Locale.ROOT).contains("png") ? "png" : "pdf";
        return archiveFile(tenantId, s.getId(), s.getPostageLabel().getLabelUrl(), ext);
    }

    /** Copies a vendor file into {@code labels/{tenant}/easypost/{id}.{ext}}; answers the key, or null when it could not be fetched now. */
    private String archiveFile(String tenantId, String id, String url, String ext) {
        String contentType = switch (ext) {
            case "zpl" -> "application/zpl";
            case "png" -> "image/png";
            default -> "application/pdf";
        };
        String key = "labels/" + tenantId + "/easypost/" + id + "." + ext;
        try {
            HttpResponse<byte[]> r = DOWNLOADS.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) return null;
            documents.put(key, contentType, r.body());
            return key;
        } catch (Exception e) {
            return null; // what was bought stays bought; the archive is made on the next reprint
        }
    }

    /** The cheapest rate of the hinted carrier and service, else of the carrier, else the cheapest. */
    static Rate choose(List<Rate> rates, String carrierHint, String serviceHint) {
        if (rates == null || rates.isEmpty()) {
            throw DomainException.unprocessable("carrier.no_rates", "EasyPost offers no rate for this shipment", "Check the addresses and the carrier accounts in EasyPost.");
        }
        Comparator<Rate> cheapest = Comparator.comparing(r -> r.getRate() == null ? Float.MAX_VALUE : r.getRate());
        List<Rate> ofCarrier = rates.stream().filter(r -> carrierHint != null && carrierHint.equalsIgnoreCase(r.getCarrier())).toList();
        List<Rate> ofService = ofCarrier.stream().filter(r -> serviceHint != null && serviceHint.equalsIgnoreCase(r.getService())).toList();
        List<Rate> pool = !ofService.isEmpty() ? ofService : !ofCarrier.isEmpty() ? ofCarrier : rates;
        return pool.stream().min(cheapest).orElseThrow();
    }

    /**
     * The customer's side of the parcel (the recipient, or the sender of a return) is verified strictly by EasyPost
     * ({@code verify_strict}) unless the tenant's {@code verify_addresses} is {@code off}: an address EasyPost cannot
     * deliver to fails the creation ({@code ADDRESS.VERIFY.FAILURE}) before any label is bought.
     */
    private Map<String, Object> shipmentParams(Address from, Address to, int grams, boolean isReturn, String reference) {
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, Object> fromAddress = address(from);
        Map<String, Object> toAddress = address(to);
        if (verifyAddresses) (isReturn ? fromAddress : toAddress).put("verify_strict", true);
        p.put("from_address", fromAddress);
        p.put("to_address", toAddress);
        p.put("parcel", Map.of("weight", Math.max(0.1, Math.ceil(grams / 28.349523125 * 10) / 10.0))); // ounces
        p.put("options", Map.of("label_format", labelFormat));
        if (isReturn) p.put("is_return", true);
        if (reference != null) p.put("reference", reference);
        return p;
    }

    static Map<String, Object> address(Address a) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (a == null) return m;
        put(m, "name", a.name());
        put(m, "company", a.company());
        put(m, "street1", a.line1());
        put(m, "street2", a.line2());
        put(m, "city", a.city());
        put(m, "state", a.region());
        put(m, "zip", a.postalCode());
        put(m, "country", a.country());
        put(m, "phone", a.phone());
        put(m, "email", a.email());
        return m;
    }

    private static void put(Map<String, Object> m, String k, String v) { if (v != null) m.put(k, v); }

    private static RuntimeException translate(String operation, EasyPostException e) {
        if (e instanceof APIException api && api.getStatusCode() != null) {
            int status = api.getStatusCode();
            if (ADDRESS_UNVERIFIED.equals(api.getCode())) {
                return DomainException.unprocessable("carrier.address_unverified", "EasyPost could not verify the customer's address",
                        "Correct the order's shipping address (PATCH /v1/orders/{orderId}) and try again.").with("vendor_code", ADDRESS_UNVERIFIED);
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                return DomainException.unprocessable("carrier.refused", "EasyPost refused the " + operation
                        + (api.getCode() == null ? "" : " (" + api.getCode() + ")"), "Check the shipment's addresses and parcels.")
                        .with("vendor_code", api.getCode() == null ? "unknown" : api.getCode());
            }
            return new ConnectorException("carrier", operation, "EasyPost: HTTP " + status);
        }
        return new ConnectorException("carrier", operation, "EasyPost: no answer (" + e.getClass().getSimpleName() + ")");
    }
}
