package dev.oms.app.metrics;

import java.time.LocalDate;

/** One day's fulfilment latencies of one warehouse, each measured from the fulfilment's creation. */
public record DailyWarehouseCounters(LocalDate day, String warehouseId, DurationHistogram pick, DurationHistogram pack,
                                     DurationHistogram ship) { }
