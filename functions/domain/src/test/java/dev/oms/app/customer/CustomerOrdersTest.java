package dev.oms.app.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomerOrdersTest {
    @Test
    void theAverageOrderValueIsRoundedHalfUpToTheMinorUnit() {
        assertThat(CustomerOrders.averageHalfUp(10, 4)).isEqualTo(3);   // 2.5 -> 3
        assertThat(CustomerOrders.averageHalfUp(10, 3)).isEqualTo(3);   // 3.33 -> 3
        assertThat(CustomerOrders.averageHalfUp(11, 3)).isEqualTo(4);   // 3.67 -> 4
        assertThat(CustomerOrders.averageHalfUp(9980, 2)).isEqualTo(4990);
        assertThat(CustomerOrders.averageHalfUp(0, 0)).isZero();
        assertThat(CustomerOrders.averageHalfUp(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    }
}
