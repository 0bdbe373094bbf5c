package dev.oms.app.port;

import dev.oms.app.metrics.DailyOrderCounters;
import dev.oms.app.metrics.DailyWarehouseCounters;
import java.time.LocalDate;
import java.util.List;

/** The pre-aggregated counters the stream maintains: reading them costs one item per day (and warehouse) asked for. */
public interface MetricsStore {
    /** The days of the range (inclusive) that have counters, in order; {@code channel} null for all channels. */
    List<DailyOrderCounters> orderDays(String tenantId, String channel, LocalDate from, LocalDate to);

    /** The warehouse days of the range (inclusive); {@code warehouseId} null for every warehouse. */
    List<DailyWarehouseCounters> warehouseDays(String tenantId, String warehouseId, LocalDate from, LocalDate to);
}
