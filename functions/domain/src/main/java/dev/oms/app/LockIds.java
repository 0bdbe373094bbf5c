package dev.oms.app;

/**
 * Lock ids name the order they lock ({@code lck_<ulid>.ord_<ulid>}), so releasing a lock by id needs no lookup
 * item. An id that was not issued for an order of the caller's tenant simply finds nothing.
 */
final class LockIds {
    private LockIds() { }

    static String of(String orderId, String lockId) { return lockId + "." + orderId; }

    static String orderIdOf(String lockId) {
        int dot = lockId.indexOf('.');
        if (!lockId.startsWith("lck_") || dot < 0 || dot == lockId.length() - 1) return null;
        return lockId.substring(dot + 1);
    }
}
