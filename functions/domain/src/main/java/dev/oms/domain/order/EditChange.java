package dev.oms.domain.order;

import dev.oms.domain.money.Money;

/**
 * One change of an edit quote. {@code type} says which fields count:
 * <ul>
 *   <li>{@code add_line}: {@code line} (the new line's id is given when the quote is made, so applying it later
 *   creates exactly the line the quote priced: {@code lineId});</li>
 *   <li>{@code remove_line}: {@code lineId};</li>
 *   <li>{@code change_quantity}: {@code lineId}, {@code quantity};</li>
 *   <li>{@code change_unit_price}: {@code lineId}, {@code unitPrice} (needs {@code orders:edit_prices});</li>
 *   <li>{@code change_discount}: {@code lineId}, {@code discount} (the line's own discount; needs {@code orders:edit_prices});</li>
 *   <li>{@code change_shipping}: {@code shippingMethod} and/or {@code shippingAmount} (an amount needs {@code orders:edit_prices});</li>
 *   <li>{@code change_shipping_address}: {@code shippingAddress};</li>
 *   <li>{@code return_units}: {@code lineId}, {@code quantity} shipped units to take back, {@code reasonCode}: applying
 *   opens a return for them (the fulfilled side of an exchange; the new goods are an {@code add_line} of the same quote).</li>
 * </ul>
 */
public record EditChange(String type, String lineId, LineSpec line, Long quantity, Money unitPrice, Money discount,
                         String shippingMethod, Money shippingAmount, Address shippingAddress, String reasonCode) {
    public static final String ADD_LINE = "add_line", REMOVE_LINE = "remove_line", CHANGE_QUANTITY = "change_quantity",
            CHANGE_UNIT_PRICE = "change_unit_price", CHANGE_DISCOUNT = "change_discount", CHANGE_SHIPPING = "change_shipping",
            CHANGE_SHIPPING_ADDRESS = "change_shipping_address", RETURN_UNITS = "return_units";
    public static final java.util.List<String> TYPES = java.util.List.of(ADD_LINE, REMOVE_LINE, CHANGE_QUANTITY, CHANGE_UNIT_PRICE,
            CHANGE_DISCOUNT, CHANGE_SHIPPING, CHANGE_SHIPPING_ADDRESS, RETURN_UNITS);

    /** A change without a return reason (every type but {@code return_units}). */
    public EditChange(String type, String lineId, LineSpec line, Long quantity, Money unitPrice, Money discount,
                      String shippingMethod, Money shippingAmount, Address shippingAddress) {
        this(type, lineId, line, quantity, unitPrice, discount, shippingMethod, shippingAmount, shippingAddress, null);
    }

    /** Whether this change sets a price (and so needs the price permission). */
    public boolean changesPrice() {
        return type.equals(CHANGE_UNIT_PRICE) || type.equals(CHANGE_DISCOUNT) || (type.equals(CHANGE_SHIPPING) && shippingAmount != null);
    }

    public EditChange withLineId(String id) {
        return new EditChange(type, id, line, quantity, unitPrice, discount, shippingMethod, shippingAmount, shippingAddress, reasonCode);
    }
}
