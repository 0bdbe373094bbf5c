package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invoices, credit notes and documents over HTTP: gapless numbers, real PDFs in the local S3, presigned links. */
class InvoicesAndDocumentsIT {
    static final HttpClient RAW = HttpClient.newHttpClient();
    static String tenant;
    static Client finance;
    static Client agent;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        finance = as(tenant, "fin-inv", "finance");
        agent = as(tenant, "agent-inv", "agent");
    }

    @AfterEach
    void clearFaults() { anonymous().delete("/local/faults"); }

    /** A confirmed order (2 x 2495 GBP) paid by a captured payment linked at creation. */
    static String confirmedOrder(String customer) {
        String id = create(agent, paidOrder(agent, customer, "captured"));
        Resp confirmed = agent.post("/v1/orders/" + id + "/confirm", null);
        if (confirmed.status() != 200) throw new IllegalStateException("confirm: " + confirmed);
        return id;
    }

    static Resp generate(Client c, String orderId) { return c.post("/v1/orders/" + orderId + "/invoices/generate", Map.of()); }

    static HttpResponse<byte[]> fetch(String url) throws Exception {
        return RAW.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anInvoiceIsARealPdfInTheDocumentsAndIsIssuedOnce() throws Exception {
        String id = confirmedOrder("inv1");
        Resp inv = generate(finance, id);
        assertThat(inv.status()).as(inv.toString()).isEqualTo(201);
        assertThat(inv.json().path("number").asText()).matches("INV-\\d{6}");
        assertThat(inv.json().path("total").path("amount").asLong()).isEqualTo(4990);
        assertThat(inv.json().path("status").asText()).isEqualTo("issued");
        assertThat(generate(finance, id).code()).isEqualTo("invoice.already_issued");
        assertThat(agent.get("/v1/orders/" + id + "/invoices").json().path("data").size()).isEqualTo(1);
        String invoiceId = inv.json().path("id").asText();
        assertThat(agent.get("/v1/orders/" + id + "/invoices/" + invoiceId).json().path("number").asText()).isEqualTo(inv.json().path("number").asText());

        JsonNode docs = agent.get("/v1/orders/" + id + "/documents").json().path("data");
        assertThat(docs.findValuesAsText("type")).contains("invoice");
        Resp doc = customer(tenant, "inv1").get("/v1/orders/" + id + "/documents/" + inv.json().path("document_id").asText());
        assertThat(doc.status()).as(doc.toString()).isEqualTo(200);
        HttpResponse<byte[]> pdf = fetch(doc.json().path("download_url").asText());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (var parsed = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(parsed);
            assertThat(text).contains(inv.json().path("number").asText()).contains("49.90");
        }

        assertThat(customer(tenant, "inv1").post("/v1/orders/" + id + "/invoices/generate", Map.of()).status()).isEqualTo(403);
        assertThat(as(newTenant(), "fin-x", "finance").get("/v1/orders/" + id + "/invoices").status()).isEqualTo(404);
        assertThat(customer(tenant, "someone-else").get("/v1/orders/" + id + "/documents").status()).isEqualTo(404);
        assertThat(generate(finance, create(agent, TestSystem.order("inv1b"))).code()).isEqualTo("invoice.order_not_invoiceable");
    }

    @Test
    void invoiceNumbersHaveNoGapsUnderRacesAndFailures() throws Exception {
        String own = newTenant();
        Client fin = as(own, "fin-gap", "finance");
        Client ag = as(own, "agent-gap", "agent");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = create(ag, paidOrder(ag, "gap" + i, "captured"));
            ag.post("/v1/orders/" + id + "/confirm", null);
            orders.add(id);
        }
        // a version conflict and a billing failure use up no number
        assertThat(fin.header("If-Match", "\"1\"").post("/v1/orders/" + orders.get(0) + "/invoices/generate", Map.of()).code())
                .isEqualTo("order.version_conflict");
        assertThat(anonymous().post("/local/faults", Map.of("connector", "billing", "operation", "issue", "mode", "fail", "times", 1)).status())
                .isLessThan(300);
        assertThat(generate(fin, orders.get(0)).status()).isEqualTo(503);
        assertThat(generate(fin, orders.get(0)).json().path("number").asText()).isEqualTo("INV-000001");
        // five at once: each gets one number, together 2..6
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<Resp>> racing = new ArrayList<>();
        for (String id : orders.subList(1, 6)) racing.add(pool.submit(() -> generate(fin, id)));
        List<String> numbers = new ArrayList<>();
        for (Future<Resp> f : racing) {
            Resp r = f.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            numbers.add(r.json().path("number").asText());
        }
        pool.shutdown();
        assertThat(numbers).containsExactlyInAnyOrder("INV-000002", "INV-000003", "INV-000004", "INV-000005", "INV-000006");
    }

    /** At the adapter: the counter moves only in a transaction that commits, and a wrong claim stops the order's write too. */
    @Test
    void aTransactionThatFailsUsesUpNoNumber() {
        String own = newTenant();
        String id = create(as(own, "agent-tx", "agent"), TestSystem.order("tx1"));
        var repo = new dev.oms.platform.dynamo.DynamoOrderRepository(Platform.get().table, Platform.get().ids);
        var meta = new dev.oms.app.port.CommandMeta(new dev.oms.domain.Actor("it", "agent"), "it", java.time.Instant.now(), null, Map.of());
        java.util.function.Function<Long, dev.oms.app.port.OrderCommit> change = readAt -> {
            var o = repo.find(own, id).orElseThrow();
            o.updateDetails(Map.of("k", "v" + System.nanoTime()), null, null, java.time.Instant.now());
            o.state().version = readAt + 1;
            return new dev.oms.app.port.OrderCommit(o, readAt, meta, null);
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.commit(change.apply(7L), new dev.oms.app.port.CounterClaim(own, "INVOICE", 0)))
                .isInstanceOf(dev.oms.app.port.ConcurrentUpdateException.class);
        assertThat(repo.counterValue(own, "INVOICE")).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.commit(change.apply(1L), new dev.oms.app.port.CounterClaim(own, "INVOICE", 5)))
                .isInstanceOf(dev.oms.app.port.ConcurrentUpdateException.class);
        assertThat(repo.find(own, id).orElseThrow().version()).isEqualTo(1);
        assertThat(repo.counterValue(own, "INVOICE")).isZero();
        repo.commit(change.apply(1L), new dev.oms.app.port.CounterClaim(own, "INVOICE", 0));
        assertThat(repo.counterValue(own, "INVOICE")).isEqualTo(1);
        assertThat(repo.find(own, id).orElseThrow().version()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.commit(change.apply(2L), new dev.oms.app.port.CounterClaim(own, "INVOICE", 0)))
                .isInstanceOf(dev.oms.app.port.ConcurrentUpdateException.class);
        assertThat(repo.counterValue(own, "INVOICE")).isEqualTo(1);
    }

    @Test
    void eachRefundGetsACreditNoteAndBillingUpdatesInvoiceStatus() {
        String id = confirmedOrder("inv3");
        String invoiceId = generate(finance, id).json().path("id").asText();
        Resp refund = finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "late delivery", "amount", Map.of("amount", 990, "currency", "GBP")));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        JsonNode invoices = agent.get("/v1/orders/" + id + "/invoices").json().path("data");
        assertThat(invoices.size()).isEqualTo(2);
        JsonNode cn = invoices.get(0).path("type").asText().equals("credit_note") ? invoices.get(0) : invoices.get(1);
        assertThat(cn.path("type").asText()).isEqualTo("credit_note");
        assertThat(cn.path("number").asText()).matches("CN-\\d{6}");
        assertThat(cn.path("total").path("amount").asLong()).isEqualTo(990);
        assertThat(cn.path("refund_id").asText()).isEqualTo(refund.json().path("refund").path("id").asText());
        assertThat(cn.path("invoice_id").asText()).isEqualTo(invoiceId);
        assertThat(agent.get("/v1/orders/" + id + "/documents").json().path("data").findValuesAsText("type")).contains("invoice", "credit_note");
        Resp again = finance.post("/v1/orders/" + id + "/invoices/generate", Map.of("type", "credit_note", "refund_id", cn.path("refund_id").asText()));
        assertThat(again.json().path("id").asText()).isEqualTo(cn.path("id").asText());

        String secret = Platform.get().inboundSecrets.generate(tenant, "invoice");
        String message = "{\"type\":\"invoice.paid\",\"data\":{\"order_id\":\"" + id + "\",\"invoice_id\":\"" + invoiceId + "\"}}";
        assertThat(postback(tenant, "invoice", secret, "inv-msg-1", now(), message).status()).isEqualTo(200);
        assertThat(agent.get("/v1/orders/" + id + "/invoices/" + invoiceId).json().path("status").asText()).isEqualTo("paid");
        List<String> types = agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").findValuesAsText("type");
        assertThat(types).contains("invoice.issued", "credit_note.issued", "invoice.updated", "document.attached");
    }

    static List<JsonNode> creditNotes(String orderId) {
        List<JsonNode> out = new ArrayList<>();
        agent.get("/v1/orders/" + orderId + "/invoices").json().path("data").forEach(i -> {
            if (i.path("type").asText().equals("credit_note")) out.add(i);
        });
        return out;
    }

    @Test
    void refundsOfTheCancelSagaAndRefundsWhoseBillingFailedGetTheirCreditNoteFromTheSubscriber() {
        String id = confirmedOrder("inv5");
        generate(finance, id);
        assertThat(anonymous().post("/local/faults", Map.of("connector", "billing", "operation", "issue", "mode", "fail", "times", 1)).status())
                .isLessThan(300);
        Resp refund = finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "billing was down", "amount", Map.of("amount", 100, "currency", "GBP")));
        assertThat(refund.json().path("refund").path("status").asText()).isEqualTo("succeeded");
        String refundId = refund.json().path("refund").path("id").asText();
        eventually("the credit note of " + refundId, () -> creditNotes(id).stream().anyMatch(c -> c.path("refund_id").asText().equals(refundId)));

        String line = agent.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        Resp cancel = agent.post("/v1/orders/" + id + "/partial-cancel", Map.of("lines", List.of(Map.of("line_id", line, "quantity", 1)),
                "reason", "one is out of stock"));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        eventually("the cancellation refund's credit note", () -> creditNotes(id).size() == 2);
        JsonNode refunds = agent.get("/v1/orders/" + id + "/refunds").json().path("data");
        assertThat(refunds.findValuesAsText("source")).contains("manual", "cancellation");
        JsonNode cancellationCredit = creditNotes(id).stream().filter(c -> !c.path("refund_id").asText().equals(refundId)).findFirst().orElseThrow();
        assertThat(cancellationCredit.path("total").path("amount").asLong()).isEqualTo(2495);
        JsonNode summary = agent.get("/v1/orders/" + id + "/payments").json().path("summary");
        assertThat(summary.path("balance_due").path("amount").asLong()).isZero();
        assertThat(summary.path("refundable").path("amount").asLong()).isEqualTo(4990 - 100 - 2495);
    }

    @Test
    void uploadsArePresignedForTheirTypeAndSizeAndBecomeAvailableWhenTheFileArrives() throws Exception {
        String id = confirmedOrder("inv4");
        byte[] file = "%PDF-1.4 signed proof of delivery".getBytes(StandardCharsets.ISO_8859_1);
        Resp up = agent.post("/v1/orders/" + id + "/documents/upload", Map.of("type", "proof_of_delivery", "file_name", "pod.pdf",
                "content_type", "application/pdf", "size_bytes", file.length));
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        assertThat(up.json().path("status").asText()).isEqualTo("pending_upload");
        String docId = up.json().path("id").asText();
        assertThat(agent.get("/v1/orders/" + id + "/documents/" + docId).code()).isEqualTo("document.upload_pending");

        String url = up.json().path("upload").path("url").asText();
        HttpResponse<String> wrongSize = RAW.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[file.length + 5])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongSize.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongType = RAW.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/html")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(403);
        HttpResponse<String> put = RAW.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        eventually("the upload notification", () -> agent.get("/v1/orders/" + id + "/documents").json().path("data")
                .findValuesAsText("status").stream().allMatch("available"::equals));

        Resp doc = agent.get("/v1/orders/" + id + "/documents/" + docId);
        assertThat(doc.status()).as(doc.toString()).isEqualTo(200);
        assertThat(doc.json().path("status").asText()).isEqualTo("available");
        assertThat(fetch(doc.json().path("download_url").asText()).body()).isEqualTo(file);
        List<String> types = agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").findValuesAsText("type");
        assertThat(types).contains("document.attached", "document.updated");

        Resp tooBig = agent.post("/v1/orders/" + id + "/documents/upload", Map.of("type", "customs", "file_name", "big.pdf",
                "content_type", "application/pdf", "size_bytes", 10L * 1024 * 1024 + 1));
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.code()).isEqualTo("document.upload_refused");
        assertThat(tooBig.json().path("errors").get(0).path("code").asText()).isEqualTo("document.too_large");
        Resp badType = agent.post("/v1/orders/" + id + "/documents/upload", Map.of("type", "customs", "file_name", "x.exe",
                "content_type", "application/x-msdownload", "size_bytes", 10));
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.json().path("errors").get(0).path("code").asText()).isEqualTo("document.content_type_not_allowed");
        assertThat(customer(tenant, "inv4").post("/v1/orders/" + id + "/documents/upload", Map.of("type", "customs", "file_name", "a.pdf",
                "content_type", "application/pdf", "size_bytes", 10)).status()).isEqualTo(403);
        assertThat(agent.get("/v1/orders/" + id + "/documents/doc_nope").code()).isEqualTo("document.not_found");
    }
}
