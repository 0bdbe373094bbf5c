package dev.oms.domain.order;

/**
 * A child that moves units of order lines (a fulfilment ships them, a return brings them back). The order sums what
 * its children report, so one area can ask how many units another has moved without knowing its types.
 */
public interface LineUnits extends OrderChild {
    /** The units of {@code lineId} this child counts under {@code measure}; 0 when none. */
    long units(String lineId, UnitMeasure measure);
}
