package dev.oms.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.search.CurrencyTotals;
import dev.oms.app.search.OrderSearchDocument;
import dev.oms.app.search.SearchResult;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.List;

/** The answer of {@code POST /v1/orders/search}: the list envelope, the exact total and the aggregations asked for. */
final class SearchViews {
    private SearchViews() { }

    static ApiResponse render(SearchResult result, Cursors cursors, String fingerprint) { return render(result, cursors, fingerprint, false); }

    /** With {@code admin}, each hit also carries {@code fraud_score} and {@code fraud_rules}. */
    static ApiResponse render(SearchResult result, Cursors cursors, String fingerprint, boolean admin) {
        ObjectNode o = Json.object();
        ArrayNode data = o.putArray("data");
        result.hits().forEach(h -> {
            ObjectNode x = hit(h);
            if (admin) {
                if (h.fraudScore() == null) x.putNull("fraud_score"); else x.put("fraud_score", h.fraudScore());
                h.fraudRules().forEach(x.putArray("fraud_rules")::add);
            }
            data.add(x);
        });
        o.put("next_cursor", cursors.encode(result.nextPosition(), fingerprint));
        o.put("has_more", result.nextPosition() != null);
        o.put("total", result.total());
        SearchResult.Aggregated a = result.aggregations();
        if (!a.terms().isEmpty() || a.histogram() != null || a.totals() != null) {
            ObjectNode aggs = o.putObject("aggregations");
            if (!a.terms().isEmpty()) {
                ObjectNode terms = aggs.putObject("terms");
                for (SearchResult.Terms t : a.terms()) {
                    ObjectNode field = terms.putObject(t.field().wire());
                    ArrayNode buckets = field.putArray("buckets");
                    t.buckets().forEach(b -> buckets.addObject().put("key", b.key()).put("count", b.count()));
                    field.put("others", t.others());
                }
            }
            if (a.histogram() != null) {
                ArrayNode h = aggs.putArray("histogram");
                for (SearchResult.Interval i : a.histogram()) {
                    ObjectNode bucket = h.addObject().put("start", i.start()).put("count", i.count());
                    bucket.set("totals", totals(i.totals()));
                }
            }
            if (a.totals() != null) aggs.set("totals", totals(a.totals()));
        }
        return ApiResponse.ok(o);
    }

    static ObjectNode hit(OrderSearchDocument d) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("order_number", d.orderNumber());
        o.put("version", d.version());
        o.put("status", d.status());
        o.put("channel", d.channel());
        o.put("customer_id", d.customerId());
        o.put("customer_name", d.customerName());
        o.put("customer_email", d.customerEmail());
        o.putObject("total").put("amount", d.total()).put("currency", d.currency());
        o.put("payment_status", d.paymentStatus());
        o.put("fulfillment_status", d.fulfillmentStatus());
        o.put("return_status", d.returnStatus());
        o.put("external_reference", d.externalReference());
        o.put("merchant_reference", d.merchantReference());
        o.put("customer_reference", d.customerReference());
        d.skus().forEach(o.putArray("skus")::add);
        d.trackingNumbers().forEach(o.putArray("tracking_numbers")::add);
        o.put("created_at", Times.format(d.createdAt()));
        o.put("updated_at", Times.format(d.updatedAt()));
        return o;
    }

    private static ArrayNode totals(List<CurrencyTotals> totals) {
        ArrayNode out = Json.array();
        for (CurrencyTotals t : totals) {
            out.addObject().put("currency", t.currency()).put("count", t.count()).put("sum", t.sum()).put("average", t.average());
        }
        return out;
    }
}
