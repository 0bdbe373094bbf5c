package dev.oms.app.customer;

import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SelfServiceRulesTest {
    static final TenantSettings DEFAULTS = TenantSettings.DEFAULTS;
    static final TenantSettings BEFORE_CONFIRMATION = new TenantSettings(false, "before_confirmation");

    static Map<String, String> blocked(SelfServiceRules.Availability a) {
        return a.blocked().stream().collect(Collectors.toMap(SelfServiceRules.Blocked::action, SelfServiceRules.Blocked::code));
    }

    @Test
    void aNewOrderMayBeCancelledReaddressedAndReorderedButNotReturned() {
        var a = SelfServiceRules.evaluate(anOrder().line("SKU-1", 2, 1000).created(), DEFAULTS, NOW);
        assertThat(a.available()).containsExactly("cancel", "update_address", "reorder");
        assertThat(blocked(a)).containsOnly(Map.entry("return", "return.not_eligible.not_shipped"), Map.entry("replace", "return.not_eligible.not_shipped"));
    }

    @Test
    void theTenantsPolicyBlocksCancellingAConfirmedOrderWithTheCancellationUseCasesCode() {
        Order confirmed = anOrder().line("SKU-1", 1, 1000).confirmed();
        assertThat(blocked(SelfServiceRules.evaluate(confirmed, BEFORE_CONFIRMATION, NOW))).containsEntry("cancel", "order.blocked.cancellation_policy");
        assertThat(SelfServiceRules.evaluate(confirmed, DEFAULTS, NOW).available()).contains("cancel");
        // the action refuses with the very exception the view reports
        assertThatThrownBy(() -> SelfServiceRules.requireCancelPolicy(confirmed, BEFORE_CONFIRMATION))
                .isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("order.blocked.cancellation_policy");
    }

    @Test
    void aClosedOrderCanOnlyBeReordered() {
        var a = SelfServiceRules.evaluate(anOrder().line("SKU-1", 1, 1000).completed(), DEFAULTS, NOW);
        assertThat(a.available()).containsExactly("reorder");
        assertThat(blocked(a)).containsEntry("cancel", "order.invalid_transition").containsEntry("update_address", "order.not_editable");
    }

    @Test
    void returnRefusalsAreRefinedByTheirReason() {
        DomainException expired = DomainException.unprocessable("return.not_eligible", "closed", "late").with("reason", "return_window_expired");
        assertThat(SelfServiceRules.blockedCode(expired)).isEqualTo("return.not_eligible.window_expired");
        assertThat(SelfServiceRules.blockedCode(DomainException.conflict("order.locked", "x", "y"))).isEqualTo("order.locked");
    }
}
