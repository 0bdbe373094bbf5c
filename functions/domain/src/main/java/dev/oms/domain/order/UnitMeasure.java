package dev.oms.domain.order;

/**
 * What happened to units of an order line, as counted by the order's children: units set aside in a fulfilment
 * that is not cancelled ({@code ALLOCATED}), handed to a carrier ({@code SHIPPED}), delivered, asked back in an open
 * return ({@code RETURN_REQUESTED}), received back ({@code RETURN_RECEIVED}) and accepted at inspection
 * ({@code RETURN_ACCEPTED}).
 */
public enum UnitMeasure {
    ALLOCATED, SHIPPED, DELIVERED, RETURN_REQUESTED, RETURN_RECEIVED, RETURN_ACCEPTED
}
