package dev.oms.domain.order;

import java.util.List;

/** Units of one order line in a fulfilment, with the lot they come from and their serial numbers when tracked. */
public record FulfillmentLine(String lineId, long quantity, String lotId, List<String> serials) {
    public FulfillmentLine {
        serials = serials == null ? List.of() : List.copyOf(serials);
    }
}
