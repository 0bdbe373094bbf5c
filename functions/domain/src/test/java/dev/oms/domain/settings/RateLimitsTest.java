package dev.oms.domain.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oms.domain.DomainException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    @Test
    void onlyTheQuotasSentChangeAndNullPutsTheDefaultsBack() {
        SettingsPatch.Result r = new SettingsPatch().set("rate_limits", Map.of("principal_requests", 500L)).applyTo(OrderSettings.DEFAULTS);
        assertThat(r.settings().rateLimits()).isEqualTo(new RateLimits(60, 12_000, 500, 10, 30));
        assertThat(r.changes()).extracting(SettingsPatch.Change::field).containsExactly("rate_limits");
        SettingsPatch back = new SettingsPatch().set("rate_limits", null);
        assertThat(back.applyTo(r.settings()).settings().rateLimits()).isEqualTo(RateLimits.DEFAULTS);
    }

    @Test
    void everyBadQuotaIsNamedAndNothingChanges() {
        DomainException e = catchThrowableOfType(DomainException.class, () -> new SettingsPatch()
                .set("rate_limits", Map.of("window_seconds", 0L, "tenant_requests", "many", "per_hour", 5L)).applyTo(OrderSettings.DEFAULTS));
        assertThat(e.fieldErrors()).extracting(DomainException.FieldError::field)
                .containsExactlyInAnyOrder("rate_limits.window_seconds", "rate_limits.tenant_requests", "rate_limits.per_hour");
        DomainException above = catchThrowableOfType(DomainException.class, () -> new SettingsPatch()
                .set("rate_limits", Map.of("principal_requests", 50L, "tenant_requests", 40L)).applyTo(OrderSettings.DEFAULTS));
        assertThat(above.fieldErrors()).extracting(DomainException.FieldError::code).containsExactly("field.out_of_range");
        DomainException notAnObject = catchThrowableOfType(DomainException.class, () -> new SettingsPatch()
                .set("rate_limits", "fast").applyTo(OrderSettings.DEFAULTS));
        assertThat(notAnObject.fieldErrors()).extracting(DomainException.FieldError::code).containsExactly("field.type");
    }
}
