package dev.oms.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oms.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ETagsTest {

    @Test
    void formatIsAQuotedVersion() {
        assertThat(ETags.of(7)).isEqualTo("\"7\"");
        assertThat(ETags.of(1234567890123L)).isEqualTo("\"1234567890123\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"7\"", "W/\"7\"", "7", "  \"7\"  ", " 7 "})
    void acceptedForms(String header) {
        assertThat(ETags.parseIfMatch(header)).isEqualTo(7L);
    }

    @Test
    void roundTripsWhatOfProduces() {
        assertThat(ETags.parseIfMatch(ETags.of(42))).isEqualTo(42L);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "*", " * "})
    void noPinnedVersion(String header) {
        assertThat(ETags.parseIfMatch(header)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"0\"", "\"-1\"", "0", "-1", "W/\"0\"", "\"\"", "\"7", "\"7\", \"8\"", "7.0",
            "99999999999999999999", "W/", "\"", "**"})
    void invalidValuesAreFieldErrors(String header) {
        DomainException e = catchThrowableOfType(DomainException.class, () -> ETags.parseIfMatch(header));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.code()).isEqualTo("request.invalid");
        assertThat(e.fieldErrors()).hasSize(1);
        assertThat(e.fieldErrors().get(0).field()).isEqualTo("If-Match");
        assertThat(e.fieldErrors().get(0).code()).isEqualTo("if_match.invalid");
    }
}
