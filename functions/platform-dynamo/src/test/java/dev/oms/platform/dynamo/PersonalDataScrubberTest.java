package dev.oms.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalDataScrubberTest {
    final PersonalDataScrubber scrubber = new PersonalDataScrubber(List.of("cust-42", "ada@example.com", "ab"), "anon_1");

    @Test
    void addressesKeepCountryAndRegionContactsAndTextAreErasedIdentifiersBecomeThePseudonym() throws Exception {
        ObjectNode item = (ObjectNode) Json.parse("""
                {"PK": "T#t#ORDER#cust-42", "SK": "E#1", "customer_id": "cust-42", "actor": {"id": "cust-42", "type": "customer"},
                 "GSI2PK": "T#t#AUDIT#ACTOR#cust-42",
                 "data": {"shipping_address": {"name": "Ada", "line1": "1 Road", "city": "Leeds", "postal_code": "LS1", "country": "GB",
                          "region": "WY", "email": "ada@example.com"},
                          "text": "call me", "lines": [{"sku": "SKU-1", "name": "Blue shirt", "quantity": 2,
                          "unit_price": {"amount": 1250, "currency": "GBP"}}], "note": "", "metadata": {"loyalty": "LC-1"},
                          "summary": "mail ada@example.com about it", "total": 2500, "created_at": "2026-12-05T10:00:00Z"}}""");
        ObjectNode out = scrubber.item(item);
        assertThat(out.path("PK").asText()).isEqualTo("T#t#ORDER#cust-42");
        assertThat(out.path("customer_id").asText()).isEqualTo("anon_1");
        assertThat(out.path("actor").path("id").asText()).isEqualTo("anon_1");
        assertThat(out.path("GSI2PK").asText()).isEqualTo("T#t#AUDIT#ACTOR#anon_1");
        var address = out.path("data").path("shipping_address");
        assertThat(address.path("name").asText()).isEqualTo("[erased]");
        assertThat(address.path("line1").asText()).isEqualTo("[erased]");
        assertThat(address.path("email").asText()).isEqualTo("[erased]");
        assertThat(address.path("country").asText()).isEqualTo("GB");
        assertThat(address.path("region").asText()).isEqualTo("WY");
        var data = out.path("data");
        assertThat(data.path("text").asText()).isEqualTo("[erased]");
        assertThat(data.path("note").asText()).isEmpty();
        assertThat(data.path("metadata").size()).isZero();
        assertThat(data.path("summary").asText()).isEqualTo("mail anon_1 about it");
        assertThat(data.path("lines").get(0).path("name").asText()).isEqualTo("Blue shirt");
        assertThat(data.path("lines").get(0).path("unit_price").path("amount").asLong()).isEqualTo(1250);
        assertThat(data.path("total").asLong()).isEqualTo(2500);
        assertThat(data.path("created_at").asText()).isEqualTo("2026-12-05T10:00:00Z");
        assertThat(scrubber.item(out)).as("idempotent").isEqualTo(out);
    }

    @Test
    void tooShortIdentifiersAreNotReplaced() {
        assertThat(scrubber.replaced("abc")).isEqualTo("abc");
    }
}
