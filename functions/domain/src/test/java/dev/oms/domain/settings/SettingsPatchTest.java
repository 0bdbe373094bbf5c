package dev.oms.domain.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsPatchTest {
    private static final OrderSettings THRESHOLDS = new SettingsPatch().set("auto_confirm_thresholds", Map.of("GBP", 100L))
            .applyTo(OrderSettings.DEFAULTS).settings();
    private static final Address LEEDS = new Address("Returns", null, "1 Dock Rd", null, "Leeds", null, "LS1 1AA", "GB", null, null);

    @Test
    void onlyTheFieldsSentChangeAndEachChangeIsListed() {
        SettingsPatch.Result r = new SettingsPatch().set("return_window_days", 14L).set("default_warehouse", "wh-1")
                .set("auto_confirm_thresholds", Map.of("GBP", 10000L)).set("return_address", LEEDS).applyTo(OrderSettings.DEFAULTS);
        assertThat(r.settings().returnWindowDays()).isEqualTo(14);
        assertThat(r.settings().defaultWarehouse()).isEqualTo("wh-1");
        assertThat(r.settings().autoConfirmThreshold("GBP")).isEqualTo(10000L);
        assertThat(r.settings().returnAddress()).isEqualTo(LEEDS);
        assertThat(r.settings().allowPartialShipments()).isTrue();
        assertThat(r.changes()).extracting(SettingsPatch.Change::field)
                .containsExactly("auto_confirm_thresholds", "default_warehouse", "return_window_days", "return_address");
        assertThat(r.changes().get(2).before()).isEqualTo(30);
        assertThat(r.changes().get(2).after()).isEqualTo(14);
    }

    @Test
    void nullResetsANullableSettingAndTheSameValueIsNoChange() {
        OrderSettings set = new SettingsPatch().set("order_retention_days", 400L).set("default_warehouse", "wh-1").applyTo(OrderSettings.DEFAULTS).settings();
        SettingsPatch.Result r = new SettingsPatch().set("order_retention_days", null).set("default_warehouse", "wh-1").applyTo(set);
        assertThat(r.settings().orderRetentionDays()).isNull();
        assertThat(r.changes()).extracting(SettingsPatch.Change::field).containsExactly("order_retention_days");
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        DomainException e = catchThrowableOfType(DomainException.class, () -> new SettingsPatch()
                .set("return_window_days", 366L).set("quote_ttl_minutes", 0L).set("order_retention_days", 29L)
                .set("cancellation_policy", "never").set("allow_hard_delete", "yes").set("default_warehouse", " ")
                .set("auto_confirm_thresholds", Map.of("XXY", 1L, "GBP", -1L)).applyTo(OrderSettings.DEFAULTS));
        assertThat(e.code()).isEqualTo("request.invalid");
        assertThat(e.fieldErrors()).extracting(DomainException.FieldError::field).containsExactlyInAnyOrder("return_window_days",
                "quote_ttl_minutes", "order_retention_days", "cancellation_policy", "allow_hard_delete", "default_warehouse",
                "auto_confirm_thresholds.XXY", "auto_confirm_thresholds.GBP");
    }

    @Test
    void capabilitiesFollowTheSettings() {
        OrderSettings strict = new SettingsPatch().set("allow_partial_shipments", false).set("return_window_days", 0L)
                .set("cancellation_policy", "before_confirmation").applyTo(OrderSettings.DEFAULTS).settings();
        Map<String, Boolean> on = new java.util.HashMap<>();
        Capabilities.of(strict).forEach(c -> on.put(c.name(), c.enabled()));
        assertThat(on).containsEntry("split_shipments", false).containsEntry("returns", false)
                .containsEntry("cancel_after_confirmation", false).containsEntry("serialized_returns", true).containsEntry("search", false);
        Capabilities.of(OrderSettings.DEFAULTS).forEach(c -> on.put(c.name(), c.enabled()));
        assertThat(on).containsEntry("split_shipments", true).containsEntry("returns", true).containsEntry("hard_delete", false)
                .containsEntry("auto_confirm", false).containsEntry("fraud_rules", false);
        Capabilities.of(THRESHOLDS, java.util.Set.of(Policy.AUTO_CONFIRM, Policy.FRAUD_VELOCITY)).forEach(c -> on.put(c.name(), c.enabled()));
        assertThat(on).containsEntry("auto_confirm", true).containsEntry("fraud_rules", true).containsEntry("auto_cancel_unpaid", false);
        Capabilities.of(OrderSettings.DEFAULTS, java.util.Set.of(Policy.AUTO_CONFIRM)).forEach(c -> on.put(c.name(), c.enabled()));
        assertThat(on).as("auto_confirm without thresholds confirms nothing").containsEntry("auto_confirm", false);
    }
}
