package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.OrderChild;

/**
 * How one kind of order child is stored: its attributes (without keys, which {@link DynamoOrderRepository} adds) and
 * back. Register each codec in {@link ChildCodecs}.
 */
public interface ChildCodec<T extends OrderChild> {
    /** The stored kind, equal to {@link OrderChild#kind()} of the children it stores. */
    String kind();

    Class<T> type();

    ObjectNode toItem(T child);

    T fromItem(JsonNode item);

    /**
     * Whether routes name this child without its order (such as {@code /v1/orders/returns/{returnId}}): then a pointer
     * to the order is written when the child is created.
     */
    boolean addressable();

    /** Stores a child the codec's type holds, unchecked casts kept in this one place. */
    default ObjectNode encode(OrderChild child) { return toItem(type().cast(child)); }
}
