package dev.oms.domain.order;

import dev.oms.domain.money.Money;
import java.util.Map;

/**
 * A partial update of a line; null fields are left as they are. Metadata entries with a null value are removed.
 * When the quantity changes and no explicit tax amount is given, an explicit tax is scaled to the new quantity.
 */
public record LineChange(Long quantity, Money unitPrice, Money discount, Integer taxRateBps, Money taxAmount,
                         String description, Map<String, String> metadata) { }
