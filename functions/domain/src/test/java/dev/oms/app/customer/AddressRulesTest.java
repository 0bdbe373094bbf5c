package dev.oms.app.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import org.junit.jupiter.api.Test;

class AddressRulesTest {
    static Address at(String country, String postal, String region) {
        return new Address("Ada", null, "1 Main St", null, "Town", region, postal, country, null, null);
    }

    static java.util.List<String> fields(Address a) {
        DomainException e = catchThrowableOfType(DomainException.class, () -> AddressRules.validate("shipping_address", a));
        assertThat(e).as("refused").isNotNull();
        return e.fieldErrors().stream().map(DomainException.FieldError::field).toList();
    }

    @Test
    void commonCountriesNeedTheirPostalCodeFormat() {
        assertThatCode(() -> AddressRules.validate("a", at("GB", "SW1A 1AA", null))).doesNotThrowAnyException();
        assertThatCode(() -> AddressRules.validate("a", at("GB", "n1 1aa", null))).doesNotThrowAnyException();
        assertThatCode(() -> AddressRules.validate("a", at("US", "94105-1234", "CA"))).doesNotThrowAnyException();
        assertThatCode(() -> AddressRules.validate("a", at("NL", "1012 AB", null))).doesNotThrowAnyException();
        assertThatCode(() -> AddressRules.validate("a", at("JP", "100-0001", "Tokyo"))).doesNotThrowAnyException();
        assertThat(fields(at("GB", "12345", null))).containsExactly("shipping_address.postal_code");
        assertThat(fields(at("DE", "1234", null))).containsExactly("shipping_address.postal_code");
        assertThat(fields(at("FR", null, null))).containsExactly("shipping_address.postal_code");
    }

    @Test
    void someCountriesNeedARegionAndEveryAddressItsBasics() {
        assertThat(fields(at("US", "10001", null))).containsExactly("shipping_address.region");
        assertThat(fields(new Address(" ", null, null, null, null, null, null, "gb", null, null)))
                .containsExactly("shipping_address.name", "shipping_address.line1", "shipping_address.city", "shipping_address.country");
        assertThatCode(() -> AddressRules.validate("a", at("ZA", null, null))).doesNotThrowAnyException();
        assertThat(fields(at("ZA", "??", null))).containsExactly("shipping_address.postal_code");
    }
}
