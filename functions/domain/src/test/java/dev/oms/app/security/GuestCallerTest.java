package dev.oms.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuestCallerTest {
    @Test
    void aGuestSeesItsOneOrderOnlyAndReadsOnly() {
        Caller guest = Caller.guest("t1", "ord_1");
        assertThat(guest.isCustomer()).isTrue();
        assertThat(guest.isScopedToOneOrder()).isTrue();
        assertThat(guest.mayView("ord_1", "cus_1")).isTrue();
        assertThat(guest.mayView("ord_1", null)).as("a guest checkout has no customer").isTrue();
        assertThat(guest.mayView("ord_2", "cus_1")).as("the same customer's other order").isFalse();
        assertThat(guest.mayView("cus_1")).as("the one-argument check fails closed").isFalse();
        assertThat(guest.permissions()).containsExactly(Permission.ORDERS_READ);
    }

    @Test
    void otherCallersAreUnchanged() {
        Caller customer = new Caller("t1", "cus_1", "customer", java.util.Set.of("customer"), "cus_1", null);
        assertThat(customer.mayView("ord_9", "cus_1")).isTrue();
        assertThat(customer.mayView("ord_9", "cus_2")).isFalse();
        Caller agent = new Caller("t1", "a", "agent", java.util.Set.of("agent"), null, null);
        assertThat(agent.mayView("ord_9", "cus_2")).isTrue();
        assertThat(agent.isScopedToOneOrder()).isFalse();
    }
}
