package dev.oms.domain.warehouse.pack;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the warehouse recorded about one fulfilment's units after picking: the packages they went into, the serial
 * number of each serial-tracked unit, and the lots consumed for each line. One record per fulfilment (its id is the
 * fulfilment's), with its own version, so the rules that span packages and lines (never more units packed than picked,
 * a serial once) are checked on one read and one conditional write.
 */
public record FulfilmentPacking(String fulfillmentId, String orderId, String warehouseId, List<PackedPackage> packages,
                                List<SerialAssignment> serials, List<LotConsumption> lots, long version, Instant createdAt,
                                Instant updatedAt) {
    public static final String TYPE = "fulfillment_packing";
    public static final int MAX_PACKAGES = 50, MAX_SERIALS = 1_000, MAX_LOT_CONSUMPTIONS = 200;

    public record SerialAssignment(String lineId, String sku, String serial, String assignedBy, Instant assignedAt) { }

    public record LotConsumption(String id, String lineId, String sku, String warehouseId, String locationId, String lot, LocalDate expiry,
                                 long quantity, String consumedBy, Instant consumedAt) { }

    public FulfilmentPacking {
        packages = List.copyOf(packages);
        serials = List.copyOf(serials);
        lots = List.copyOf(lots);
    }

    public static FulfilmentPacking empty(String fulfillmentId, String orderId, String warehouseId, Instant now) {
        return new FulfilmentPacking(fulfillmentId, orderId, warehouseId, List.of(), List.of(), List.of(), 0, now, now);
    }

    public String id() { return fulfillmentId; }

    public String aggregateType() { return TYPE; }

    public long packed(String lineId) { return packages.stream().mapToLong(p -> p.units(lineId)).sum(); }

    public long serialsOf(String lineId) { return serials.stream().filter(s -> s.lineId().equals(lineId)).count(); }

    public long consumed(String lineId) { return lots.stream().filter(l -> l.lineId().equals(lineId)).mapToLong(LotConsumption::quantity).sum(); }

    public PackedPackage pkg(String packageId) {
        return packages.stream().filter(p -> p.id().equals(packageId)).findFirst().orElse(null);
    }

    /** The package a serial was packed in, or null. */
    public PackedPackage packageOfSerial(String sku, String serial) {
        for (PackedPackage p : packages) {
            for (PackedPackage.Item i : p.items()) if (i.sku().equals(sku) && i.serials().contains(serial)) return p;
        }
        return null;
    }
}
