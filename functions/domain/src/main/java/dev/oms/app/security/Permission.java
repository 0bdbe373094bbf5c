package dev.oms.app.security;

import java.util.Locale;

/** What a caller may do. Routes declare the permission they need; {@link RolePermissions} grants them to roles. */
public enum Permission {
    ORDERS_READ, ORDERS_CREATE, ORDERS_WRITE, ORDERS_CONFIRM, ORDERS_HOLD, ORDERS_RELEASE, ORDERS_RELEASE_FRAUD,
    ORDERS_CLOSE, ORDERS_REOPEN, ORDERS_DELETE, ORDERS_HARD_DELETE, ORDERS_LOCK, ORDERS_LOCK_OVERRIDE,
    ORDERS_CANCEL, ORDERS_NOTIFY, REPAIRS_MANAGE, WEBHOOKS_MANAGE, JOBS_MANAGE, TIMELINE_READ, AUDIT_READ, HEALTH_DETAILS,
    FULFILLMENTS_WRITE, RETURNS_CREATE, RETURNS_MANAGE, REFUNDS_ISSUE, PAYMENTS_MANAGE, PAYMENTS_UNLINK, INVOICES_MANAGE,
    DOCUMENTS_UPLOAD, NOTES_WRITE, TASKS_MANAGE, SETTINGS_READ, SETTINGS_MANAGE,
    // order edits by quote (issue 11)
    ORDERS_EDIT_PRICES, ORDERS_REPLACE,
    // search branch: tenant-wide search, lookup and summary; metrics
    ORDERS_SEARCH, METRICS_READ,
    // connector registry (issue 10)
    CONNECTORS_MANAGE,
    // admin API (issue 13), foundation: step-up and security
    ADMIN_SUDO, ADMIN_IMPERSONATE, ADMIN_KEYS, LEGAL_HOLD_MANAGE,
    // admin API: destructive order actions and edits
    ORDERS_FORCE_CANCEL, ORDERS_ADJUST_PRICE,
    // admin API: money
    PAYMENTS_RECONCILE,
    // admin API: fraud, cases, queues, bulk
    FRAUD_MANAGE, CASES_MANAGE, QUEUES_WORK, BULK_OPERATIONS,
    // admin API: compliance, replay, alerts
    GDPR_EXPORT, EVENTS_REPLAY, ALERTS_READ,
    // seed 003 (issues 14, 15; docs/fulfillment-service.md): read; change fulfilments and allocations; pick; pack; ship
    // (labels, pickups); receive (returns intake); qc; run the warehouses (configuration); register devices
    WAREHOUSE_READ, WAREHOUSE_WRITE, WAREHOUSE_PICK, WAREHOUSE_PACK, WAREHOUSE_SHIP, WAREHOUSE_RECEIVE, WAREHOUSE_QC,
    WAREHOUSE_ADMIN, WAREHOUSE_DEVICES;

    /** {@code ORDERS_RELEASE_FRAUD} is written {@code orders:release_fraud}. */
    public String wire() {
        String n = name().toLowerCase(Locale.ROOT);
        int i = n.indexOf('_');
        return n.substring(0, i) + ":" + n.substring(i + 1);
    }
}
