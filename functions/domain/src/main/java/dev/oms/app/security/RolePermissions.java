package dev.oms.app.security;

import static dev.oms.app.security.Permission.*;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The one role-to-permission table. docs/conventions.md shows it; PlatformIT keeps the two equal. */
public final class RolePermissions {
    public static final Map<String, Set<Permission>> TABLE = table();

    private RolePermissions() { }

    private static Map<String, Set<Permission>> table() {
        Map<String, Set<Permission>> t = new LinkedHashMap<>();
        t.put("admin", EnumSet.allOf(Permission.class));
        t.put("supervisor", EnumSet.of(ORDERS_READ, ORDERS_CREATE, ORDERS_WRITE, ORDERS_CONFIRM, ORDERS_HOLD, ORDERS_RELEASE,
                ORDERS_RELEASE_FRAUD, ORDERS_CLOSE, ORDERS_LOCK, ORDERS_LOCK_OVERRIDE, ORDERS_CANCEL, ORDERS_NOTIFY, REPAIRS_MANAGE,
                WEBHOOKS_MANAGE, JOBS_MANAGE, TIMELINE_READ, AUDIT_READ, HEALTH_DETAILS, FULFILLMENTS_WRITE, RETURNS_CREATE,
                RETURNS_MANAGE, REFUNDS_ISSUE, PAYMENTS_MANAGE, INVOICES_MANAGE, DOCUMENTS_UPLOAD, NOTES_WRITE, TASKS_MANAGE, SETTINGS_READ,
                ORDERS_EDIT_PRICES, ORDERS_REPLACE));
        t.put("agent", EnumSet.of(ORDERS_READ, ORDERS_CREATE, ORDERS_WRITE, ORDERS_CONFIRM, ORDERS_HOLD, ORDERS_RELEASE,
                ORDERS_CLOSE, ORDERS_LOCK, ORDERS_CANCEL, ORDERS_NOTIFY, TIMELINE_READ, RETURNS_CREATE, RETURNS_MANAGE,
                INVOICES_MANAGE, DOCUMENTS_UPLOAD, NOTES_WRITE, TASKS_MANAGE, SETTINGS_READ, ORDERS_REPLACE));
        t.put("finance", EnumSet.of(ORDERS_READ, TIMELINE_READ, AUDIT_READ, REFUNDS_ISSUE, PAYMENTS_MANAGE, INVOICES_MANAGE,
                DOCUMENTS_UPLOAD, NOTES_WRITE, TASKS_MANAGE, SETTINGS_READ));
        t.put("fraud_analyst", EnumSet.of(ORDERS_READ, ORDERS_HOLD, ORDERS_RELEASE, ORDERS_RELEASE_FRAUD, TIMELINE_READ, AUDIT_READ,
                NOTES_WRITE, TASKS_MANAGE));
        t.put("fulfillment_manager", EnumSet.of(ORDERS_READ, ORDERS_HOLD, ORDERS_CLOSE, TIMELINE_READ, FULFILLMENTS_WRITE,
                RETURNS_CREATE, RETURNS_MANAGE, DOCUMENTS_UPLOAD, NOTES_WRITE, TASKS_MANAGE));
        t.put("service", EnumSet.of(ORDERS_READ, ORDERS_CREATE, ORDERS_WRITE, ORDERS_CONFIRM, ORDERS_HOLD, ORDERS_RELEASE,
                ORDERS_CLOSE, ORDERS_CANCEL, ORDERS_NOTIFY, WEBHOOKS_MANAGE, JOBS_MANAGE, TIMELINE_READ, HEALTH_DETAILS,
                FULFILLMENTS_WRITE, RETURNS_CREATE, RETURNS_MANAGE, REFUNDS_ISSUE, PAYMENTS_MANAGE, INVOICES_MANAGE, DOCUMENTS_UPLOAD,
                NOTES_WRITE, TASKS_MANAGE, SETTINGS_READ));
        t.put("customer", EnumSet.of(ORDERS_READ, RETURNS_CREATE));
        t.put("guest", EnumSet.of(ORDERS_READ)); // the guest order lookup's token: one order, read only
        t.put("read_only", EnumSet.noneOf(Permission.class)); // with other roles: refuses every write (a read-only impersonation)
        t.put("warehouse_supervisor", EnumSet.of(ORDERS_READ, FULFILLMENTS_WRITE, RETURNS_CREATE, RETURNS_MANAGE));
        t.put("picker", EnumSet.noneOf(Permission.class));
        t.put("packer", EnumSet.noneOf(Permission.class));
        t.put("qc_agent", EnumSet.noneOf(Permission.class));
        // search branch: tenant-wide search, lookup and summary (not customers); metrics for managers and finance
        for (String r : new String[] {"supervisor", "agent", "finance", "fraud_analyst", "fulfillment_manager", "service"}) t.get(r).add(ORDERS_SEARCH);
        for (String r : new String[] {"supervisor", "finance", "fulfillment_manager", "warehouse_supervisor"}) t.get(r).add(METRICS_READ);
        // admin API (issue 13): step-up, destructive actions and the admin-only tools of each staff role
        t.get("supervisor").addAll(EnumSet.of(ADMIN_SUDO, ADMIN_IMPERSONATE, ORDERS_FORCE_CANCEL, ORDERS_ADJUST_PRICE, CASES_MANAGE,
                QUEUES_WORK, BULK_OPERATIONS, ALERTS_READ));
        t.get("agent").addAll(EnumSet.of(CASES_MANAGE, QUEUES_WORK));
        t.get("finance").addAll(EnumSet.of(ADMIN_SUDO, PAYMENTS_RECONCILE, ALERTS_READ));
        t.get("fraud_analyst").addAll(EnumSet.of(FRAUD_MANAGE, QUEUES_WORK, ALERTS_READ));
        t.get("fulfillment_manager").addAll(EnumSet.of(QUEUES_WORK, ALERTS_READ));
        // admin API roles of seed 001 section 4 (billing, collections, fulfillment, cs)
        t.put("billing", EnumSet.of(ORDERS_READ, ORDERS_SEARCH, TIMELINE_READ, AUDIT_READ, INVOICES_MANAGE, PAYMENTS_MANAGE,
                PAYMENTS_RECONCILE, REFUNDS_ISSUE, DOCUMENTS_UPLOAD, NOTES_WRITE, TASKS_MANAGE, QUEUES_WORK, SETTINGS_READ, METRICS_READ,
                ADMIN_SUDO));
        t.put("collections", EnumSet.of(ORDERS_READ, ORDERS_SEARCH, ORDERS_HOLD, ORDERS_RELEASE, TIMELINE_READ, PAYMENTS_MANAGE,
                INVOICES_MANAGE, NOTES_WRITE, TASKS_MANAGE, CASES_MANAGE, QUEUES_WORK, SETTINGS_READ));
        t.put("fulfillment", EnumSet.of(ORDERS_READ, ORDERS_SEARCH, ORDERS_HOLD, ORDERS_RELEASE, TIMELINE_READ, FULFILLMENTS_WRITE,
                RETURNS_CREATE, RETURNS_MANAGE, DOCUMENTS_UPLOAD, NOTES_WRITE, TASKS_MANAGE, QUEUES_WORK, SETTINGS_READ));
        t.put("cs", EnumSet.of(ORDERS_READ, ORDERS_SEARCH, ORDERS_WRITE, ORDERS_HOLD, ORDERS_RELEASE, ORDERS_CANCEL, ORDERS_NOTIFY,
                TIMELINE_READ, RETURNS_CREATE, DOCUMENTS_UPLOAD, NOTES_WRITE, TASKS_MANAGE, CASES_MANAGE, QUEUES_WORK, SETTINGS_READ,
                ADMIN_SUDO, ADMIN_IMPERSONATE));
        // seed 003 (issues 14, 15): the floor roles reach the warehouse routes only; pickers pick, packers pack, ship and
        // receive, QC agents receive and inspect, supervisors run the floor and register devices, managers run the warehouses
        t.get("picker").addAll(EnumSet.of(WAREHOUSE_READ, WAREHOUSE_PICK));
        t.get("packer").addAll(EnumSet.of(WAREHOUSE_READ, WAREHOUSE_PACK, WAREHOUSE_SHIP, WAREHOUSE_RECEIVE));
        t.get("qc_agent").addAll(EnumSet.of(WAREHOUSE_READ, WAREHOUSE_RECEIVE, WAREHOUSE_QC));
        t.get("warehouse_supervisor").addAll(EnumSet.of(WAREHOUSE_READ, WAREHOUSE_WRITE, WAREHOUSE_PICK, WAREHOUSE_PACK, WAREHOUSE_SHIP,
                WAREHOUSE_RECEIVE, WAREHOUSE_QC, WAREHOUSE_DEVICES));
        t.get("fulfillment_manager").addAll(EnumSet.of(WAREHOUSE_READ, WAREHOUSE_WRITE, WAREHOUSE_PICK, WAREHOUSE_PACK, WAREHOUSE_SHIP,
                WAREHOUSE_RECEIVE, WAREHOUSE_QC, WAREHOUSE_ADMIN, WAREHOUSE_DEVICES));
        t.get("service").addAll(EnumSet.of(WAREHOUSE_READ, WAREHOUSE_WRITE, WAREHOUSE_PICK, WAREHOUSE_PACK, WAREHOUSE_SHIP,
                WAREHOUSE_RECEIVE, WAREHOUSE_QC));
        for (String r : new String[] {"supervisor", "fulfillment"}) t.get(r).add(WAREHOUSE_READ);
        return Map.copyOf(t);
    }

    /** The role that refuses every write of its caller (a read-only impersonation). */
    public static final String READ_ONLY = "read_only";

    public static boolean isRole(String role) { return TABLE.containsKey(role); }

    public static Set<Permission> of(Collection<String> roles) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String r : roles) granted.addAll(TABLE.getOrDefault(r, Set.of()));
        return granted;
    }

    /** Roles in the order docs/conventions.md lists them. */
    public static final java.util.List<String> ROLES = java.util.List.of("admin", "supervisor", "agent", "finance",
            "fraud_analyst", "fulfillment_manager", "service", "customer", "guest", "warehouse_supervisor", "picker", "packer", "qc_agent",
            "billing", "collections", "fulfillment", "cs", "read_only");
}
