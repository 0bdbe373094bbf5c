package dev.oms.domain.warehouse.ops;

import java.util.List;

/** What routing decides on: the destination country (ISO 3166-1 alpha-2), the SKUs, the service level and the weight. */
public record RoutingQuery(String destinationCountry, List<String> skus, String serviceLevel, Long weightGrams) {
    public RoutingQuery {
        skus = skus == null ? List.of() : List.copyOf(skus);
    }
}
