package dev.oms.app.security;

import static dev.oms.app.security.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RolePermissionsTest {

    @Test
    void adminHasEverything() {
        assertThat(RolePermissions.of(List.of("admin"))).containsExactlyInAnyOrder(Permission.values());
        assertThat(RolePermissions.TABLE.get("admin")).hasSize(Permission.values().length);
    }

    @Test
    void customerMayOnlyReadOrdersAndAskForReturns() {
        // no orders:create: prices never come from a customer (OWASP API6); a customer's order comes from a cart
        assertThat(RolePermissions.of(List.of("customer"))).containsExactlyInAnyOrder(ORDERS_READ, RETURNS_CREATE);
    }

    @Test
    void agentCannotReopenDeleteReleaseFraudOrOverrideLocks() {
        Set<Permission> agent = RolePermissions.of(List.of("agent"));
        assertThat(agent).doesNotContain(ORDERS_REOPEN, ORDERS_DELETE, ORDERS_HARD_DELETE, ORDERS_RELEASE_FRAUD,
                ORDERS_LOCK_OVERRIDE, AUDIT_READ);
        assertThat(agent).contains(ORDERS_READ, ORDERS_CREATE, ORDERS_WRITE, ORDERS_CONFIRM, ORDERS_HOLD, ORDERS_RELEASE,
                ORDERS_CLOSE, ORDERS_LOCK, TIMELINE_READ);
    }

    @Test
    void onlyAdminMayReopenOrDelete() {
        for (String role : RolePermissions.ROLES) {
            Set<Permission> p = RolePermissions.of(List.of(role));
            boolean admin = role.equals("admin");
            assertThat(p.contains(ORDERS_REOPEN)).as(role).isEqualTo(admin);
            assertThat(p.contains(ORDERS_DELETE)).as(role).isEqualTo(admin);
            assertThat(p.contains(ORDERS_HARD_DELETE)).as(role).isEqualTo(admin);
        }
    }

    @ParameterizedTest
    @CsvSource({"admin,true", "supervisor,true", "fraud_analyst,true", "agent,false", "service,false", "customer,false", "finance,false"})
    void whoMayReleaseFraudHolds(String role, boolean may) {
        assertThat(RolePermissions.of(List.of(role)).contains(ORDERS_RELEASE_FRAUD)).isEqualTo(may);
    }

    @ParameterizedTest
    @CsvSource({"admin,true", "supervisor,true", "service,true", "agent,false", "finance,false", "customer,false"})
    void whoMayManageWebhooks(String role, boolean may) {
        assertThat(RolePermissions.of(List.of(role)).contains(WEBHOOKS_MANAGE)).isEqualTo(may);
    }

    @Test
    void onlyAdminMayUnlinkPaymentsAndOnlyMoneyRolesMayRefund() {
        for (String role : RolePermissions.ROLES) {
            Set<Permission> p = RolePermissions.of(List.of(role));
            assertThat(p.contains(PAYMENTS_UNLINK)).as(role).isEqualTo(role.equals("admin"));
            assertThat(p.contains(REFUNDS_ISSUE)).as(role).isEqualTo(Set.of("admin", "supervisor", "finance", "service", "billing").contains(role));
        }
    }

    @Test
    void onlyAdminMayChangeSettingsAndCustomersNeitherWriteNotesNorSeeTasksOrSettings() {
        for (String role : RolePermissions.ROLES) {
            Set<Permission> p = RolePermissions.of(List.of(role));
            assertThat(p.contains(SETTINGS_MANAGE)).as(role).isEqualTo(role.equals("admin"));
        }
        assertThat(RolePermissions.of(List.of("customer"))).doesNotContain(NOTES_WRITE, TASKS_MANAGE, SETTINGS_READ);
        assertThat(RolePermissions.of(List.of("agent"))).contains(NOTES_WRITE, TASKS_MANAGE, SETTINGS_READ);
    }

    @Test
    void warehouseRolesWithoutOrderAccess() {
        // the floor roles only reach the warehouse routes (seed 003): a picker cannot inspect, a QC agent cannot ship
        assertThat(RolePermissions.of(List.of("picker"))).containsExactlyInAnyOrder(WAREHOUSE_READ, WAREHOUSE_PICK);
        assertThat(RolePermissions.of(List.of("packer"))).containsExactlyInAnyOrder(WAREHOUSE_READ, WAREHOUSE_PACK, WAREHOUSE_SHIP, WAREHOUSE_RECEIVE);
        assertThat(RolePermissions.of(List.of("qc_agent"))).containsExactlyInAnyOrder(WAREHOUSE_READ, WAREHOUSE_RECEIVE, WAREHOUSE_QC);
        assertThat(RolePermissions.of(List.of("warehouse_supervisor"))).containsExactlyInAnyOrder(ORDERS_READ, FULFILLMENTS_WRITE, RETURNS_CREATE,
                RETURNS_MANAGE, METRICS_READ, WAREHOUSE_READ, WAREHOUSE_WRITE, WAREHOUSE_PICK, WAREHOUSE_PACK, WAREHOUSE_SHIP,
                WAREHOUSE_RECEIVE, WAREHOUSE_QC, WAREHOUSE_DEVICES);
        // only admins and fulfilment managers run the warehouses themselves
        for (String role : RolePermissions.ROLES) {
            assertThat(RolePermissions.of(List.of(role)).contains(WAREHOUSE_ADMIN)).as(role).isEqualTo(role.equals("admin") || role.equals("fulfillment_manager"));
        }
    }

    @Test
    void rolesAreCombinedAndUnknownRolesGrantNothing() {
        assertThat(RolePermissions.of(List.of("customer", "finance")))
                .containsExactlyInAnyOrder(ORDERS_READ, TIMELINE_READ, AUDIT_READ, RETURNS_CREATE, REFUNDS_ISSUE,
                        PAYMENTS_MANAGE, INVOICES_MANAGE, DOCUMENTS_UPLOAD, NOTES_WRITE, TASKS_MANAGE, SETTINGS_READ,
                        ORDERS_SEARCH, METRICS_READ, ADMIN_SUDO, PAYMENTS_RECONCILE, ALERTS_READ);
        assertThat(RolePermissions.of(List.of("root", "ADMIN"))).isEmpty();
        assertThat(RolePermissions.of(List.of())).isEmpty();
        assertThat(RolePermissions.isRole("agent")).isTrue();
        assertThat(RolePermissions.isRole("root")).isFalse();
    }

    @Test
    void theRoleListMatchesTheTable() {
        assertThat(RolePermissions.ROLES).containsExactlyInAnyOrderElementsOf(RolePermissions.TABLE.keySet());
        assertThat(RolePermissions.ROLES).startsWith("admin", "supervisor", "agent").hasSize(18).contains("guest", "billing", "collections", "fulfillment", "cs", "read_only");
    }

    @Test
    void theTableIsImmutable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RolePermissions.TABLE.put("x", EnumSet.noneOf(Permission.class)))
                .isInstanceOf(UnsupportedOperationException.class);
        Set<Permission> granted = RolePermissions.of(List.of("customer"));
        granted.add(ORDERS_HARD_DELETE); // a copy: changing it does not widen the role
        assertThat(RolePermissions.of(List.of("customer"))).doesNotContain(ORDERS_HARD_DELETE);
    }

    @ParameterizedTest
    @CsvSource({
            "ORDERS_RELEASE_FRAUD,orders:release_fraud",
            "ORDERS_READ,orders:read",
            "ORDERS_HARD_DELETE,orders:hard_delete",
            "ORDERS_LOCK_OVERRIDE,orders:lock_override",
            "TIMELINE_READ,timeline:read",
            "AUDIT_READ,audit:read",
            "HEALTH_DETAILS,health:details"})
    void wireFormat(Permission permission, String wire) {
        assertThat(permission.wire()).isEqualTo(wire);
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void everyWireNameIsLowercaseScopeColonAction(Permission permission) {
        assertThat(permission.wire()).matches("[a-z]+:[a-z_]+");
    }

    @Test
    void callerPermissionsAndVisibility() {
        Caller customer = new Caller("t_1", "sub_c", "customer", Set.of("customer"), "cus_1", null);
        assertThat(customer.can(ORDERS_CREATE)).isFalse();
        assertThat(customer.can(ORDERS_WRITE)).isFalse();
        assertThat(customer.isCustomer()).isTrue();
        assertThat(customer.mayView("cus_1")).isTrue();
        assertThat(customer.mayView("cus_2")).isFalse();
        assertThat(customer.mayView(null)).isFalse();
        assertThat(customer.actor().id()).isEqualTo("sub_c");
        assertThat(customer.actor().type()).isEqualTo("customer");

        Caller agent = new Caller("t_1", "sub_a", "agent", Set.of("agent", "fraud_analyst"), null, "sub_admin");
        assertThat(agent.mayView("cus_2")).isTrue();
        assertThat(agent.can(ORDERS_RELEASE_FRAUD)).isTrue();
        assertThat(agent.isCustomer()).isFalse();

        Caller customerWithoutId = new Caller("t_1", "sub_x", "customer", Set.of("customer"), null, null);
        assertThat(customerWithoutId.mayView(null)).isFalse();
    }

    @Test
    void onlyAdminMayManageKeysLegalHoldsReplayAndBulkExportsAndOnlyStaffMayStepUp() {
        for (String role : RolePermissions.ROLES) {
            Set<Permission> p = RolePermissions.of(List.of(role));
            assertThat(p.contains(ADMIN_KEYS)).as(role).isEqualTo(role.equals("admin"));
            assertThat(p.contains(LEGAL_HOLD_MANAGE)).as(role).isEqualTo(role.equals("admin"));
            assertThat(p.contains(EVENTS_REPLAY)).as(role).isEqualTo(role.equals("admin"));
            assertThat(p.contains(GDPR_EXPORT)).as(role).isEqualTo(role.equals("admin"));
            assertThat(p.contains(ADMIN_SUDO)).as(role).isEqualTo(Set.of("admin", "supervisor", "finance", "billing", "cs").contains(role));
        }
    }
}
