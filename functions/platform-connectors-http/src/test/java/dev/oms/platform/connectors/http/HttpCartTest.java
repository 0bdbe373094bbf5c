package dev.oms.platform.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.connector.CartService.Cart;
import dev.oms.app.connector.ConnectorException;
import dev.oms.domain.money.Money;
import dev.oms.domain.promotion.Promotion;
import dev.oms.platform.connectors.PromotionRules;
import dev.oms.platform.json.Json;
import org.junit.jupiter.api.Test;

/** The partner's carts and promotions are taken only when they are what the contract says: never a guessed price. */
class HttpCartTest {
    @Test
    void aCartIsReadWithItsPricesInMinorUnits() throws Exception {
        Cart c = HttpCart.toCart(Json.parse("""
                {"cart_id": "c-1", "customer_id": "cust-1", "currency": "GBP", "created_at": "2026-12-04T10:00:00Z",
                 "lines": [{"sku": "SKU-1", "name": "Mug", "quantity": 2, "unit_price": {"amount": 1250, "currency": "GBP"}, "tax_rate_bps": 2000}],
                 "unavailable": ["SKU-OLD"]}"""), "GBP");
        assertThat(c.id()).isEqualTo("c-1");
        assertThat(c.lines().get(0).unitPrice()).isEqualTo(Money.of(1250, "GBP"));
        assertThat(c.lines().get(0).quantity()).isEqualTo(2);
        assertThat(c.lines().get(0).taxRateBps()).isEqualTo(2000);
        assertThat(c.unavailable()).containsExactly("SKU-OLD");
    }

    @Test
    void aCartWithAForeignOrFractionalOrMissingPriceIsRefused() throws Exception {
        assertThatThrownBy(() -> HttpCart.toCart(Json.parse("""
                {"cart_id": "c-1", "currency": "EUR", "lines": []}"""), "GBP")).isInstanceOf(ConnectorException.class);
        assertThatThrownBy(() -> HttpCart.toCart(Json.parse("""
                {"cart_id": "c-1", "currency": "GBP", "lines": [{"sku": "A", "quantity": 1, "unit_price": {"amount": 12.5, "currency": "GBP"}}]}"""), "GBP"))
                .isInstanceOf(ConnectorException.class);
        assertThatThrownBy(() -> HttpCart.toCart(Json.parse("""
                {"cart_id": "c-1", "currency": "GBP", "lines": [{"sku": "A", "quantity": 1, "unit_price": {"amount": 100, "currency": "USD"}}]}"""), "GBP"))
                .isInstanceOf(ConnectorException.class);
        assertThatThrownBy(() -> HttpCart.toCart(Json.parse("""
                {"cart_id": "c-1", "currency": "GBP", "lines": [{"sku": "A", "quantity": 0, "unit_price": {"amount": 100, "currency": "GBP"}}]}"""), "GBP"))
                .isInstanceOf(ConnectorException.class);
        assertThatThrownBy(() -> HttpCart.toCart(Json.parse("""
                {"currency": "GBP", "lines": []}"""), null)).isInstanceOf(ConnectorException.class);
    }

    @Test
    void promotionsAreParsedOrRefused() throws Exception {
        Promotion p = PromotionRules.parse(Json.parse("""
                {"code": "SPRING10", "type": "percentage", "percent_bps": 1000, "minimum_spend": {"amount": 5000, "currency": "GBP"},
                 "expires_at": "2027-01-01T00:00:00Z", "usage_limit_per_customer": 1}"""));
        assertThat(p.type()).isEqualTo(Promotion.Type.PERCENTAGE);
        assertThat(p.minimumSpend()).isEqualTo(Money.of(5000, "GBP"));
        assertThatThrownBy(() -> PromotionRules.parse(Json.parse("{\"code\": \"X\", \"type\": \"bogo\"}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromotionRules.parse(Json.parse("{\"code\": \"X\", \"type\": \"percentage\", \"percent_bps\": 20000}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromotionRules.parse(Json.parse("{\"code\": \"X\", \"type\": \"fixed_amount\", \"amount_off\": {\"amount\": 1.5, \"currency\": \"GBP\"}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromotionRules.parse(Json.parse("{\"code\": \"X\", \"type\": \"free_shipping\", \"expires_at\": \"soon\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
