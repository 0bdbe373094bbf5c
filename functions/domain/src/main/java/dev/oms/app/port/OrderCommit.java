package dev.oms.app.port;

import dev.oms.domain.order.Order;

/**
 * One command's write: the order as it now is, the version it was read at (0 for a new order), who did it and, when
 * the request carried an Idempotency-Key, the completed idempotency record (null otherwise).
 */
public record OrderCommit(Order order, long expectedVersion, CommandMeta meta, IdempotencyRecord idempotency) { }
