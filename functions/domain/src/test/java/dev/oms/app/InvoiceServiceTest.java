package dev.oms.app;

import static dev.oms.domain.order.OrderMother.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.connector.BillingDocument;
import dev.oms.app.connector.BillingService;
import dev.oms.app.connector.ConnectorException;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Invoice;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.RefundRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invoice and credit-note numbers per tenant without gaps, whatever fails or races. */
class InvoiceServiceTest {
    final CancellationFixture f = new CancellationFixture();
    final List<BillingDocument> rendered = new ArrayList<>();
    boolean billingDown;
    final BillingService billing = (tenant, doc) -> {
        if (billingDown) throw new ConnectorException("billing", "issue", "down");
        rendered.add(doc);
        return new BillingService.StoredFile("documents/" + tenant + "/" + doc.documentId() + ".pdf", doc.number() + ".pdf", "application/pdf", 1234);
    };
    final InvoiceService invoices = new InvoiceService(f.tx, f.repo, billing, f.ids, f.clock);

    Order confirmed(String id) {
        Order o = anOrder().id(id).line("A", 2, 1000).shipping(300).payment("pg_" + id, 2300, "captured").build();
        f.store(o);
        f.tx.mutate(CancellationFixture.ctx(null), id, false, x -> {
            x.confirm(dev.oms.domain.order.OrderMother.approvedFor(x), "hold_1", dev.oms.domain.order.OrderMother.AGENT, f.clock.instant());
            return x;
        });
        return f.load(id);
    }

    static CommandContext ctx() { return CancellationFixture.ctx(null); }

    @Test
    void numbersAreConsecutiveAndAFailedAttemptUsesNoneUp() {
        Order a = confirmed("ord_a");
        Order b = confirmed("ord_b");
        Order c = confirmed("ord_c");
        assertThat(invoices.generateInvoice(ctx(), a.id()).invoice().number()).isEqualTo("INV-000001");
        billingDown = true;
        assertThatThrownBy(() -> invoices.generateInvoice(ctx(), b.id())).isInstanceOf(ConnectorException.class);
        billingDown = false;
        // another writer takes the next number while this one renders: this one re-reads the counter and takes the one after
        f.repo.beforeNextClaim = () -> invoices.generateInvoice(ctx(), c.id());
        Invoice inv = invoices.generateInvoice(ctx(), b.id()).invoice();
        assertThat(f.load(c.id()).invoices().activeInvoice().orElseThrow().number()).isEqualTo("INV-000002");
        assertThat(inv.number()).isEqualTo("INV-000003");
        assertThat(f.repo.counterValue(dev.oms.domain.order.OrderMother.TENANT, InvoiceService.INVOICE_COUNTER)).isEqualTo(3);
        assertThat(rendered.get(rendered.size() - 1).number()).isEqualTo("INV-000003");
        Order done = f.load(b.id());
        OrderDocument pdf = done.requireChild(OrderDocument.class, inv.documentId(), "document.not_found");
        assertThat(pdf.type()).isEqualTo("invoice");
        assertThat(pdf.isAvailable()).isTrue();
        assertThat(inv.total().minor()).isEqualTo(2300);
        assertThat(inv.lines()).hasSize(2);
    }

    @Test
    void anOrderIsInvoicedOnceAndOnlyOnceConfirmed() {
        Order a = confirmed("ord_a");
        invoices.generateInvoice(ctx(), a.id());
        assertThatThrownBy(() -> invoices.generateInvoice(ctx(), a.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("invoice.already_issued"));
        Order created = f.store(anOrder().id("ord_new").build());
        assertThatThrownBy(() -> invoices.generateInvoice(ctx(), created.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("invoice.order_not_invoiceable"));
    }

    @Test
    void aCreditNoteDocumentsARefundOnceAndBillingMovesInvoiceStatus() {
        Order a = confirmed("ord_a");
        Invoice inv = invoices.generateInvoice(ctx(), a.id()).invoice();
        f.payments.captured("pg_ord_a", 2300, "GBP");
        RefundService refunds = new RefundService(f.tx, f.payments, new FakeStoreCredit(), f.ids, f.clock);
        refunds.onIssued(invoices::creditNoteAfterRefund);
        var r = refunds.refund(ctx(), a.id(), new RefundRequest(700L, "late", List.of(), null, null, 0, null, null)).refund();
        Invoice cn = f.load(a.id()).invoices().creditNoteFor(r.id()).orElseThrow();
        assertThat(cn.number()).isEqualTo("CN-000001");
        assertThat(cn.total()).isEqualTo(Money.of(700, "GBP"));
        assertThat(cn.invoiceId()).isEqualTo(inv.id());
        assertThat(invoices.creditNote(ctx(), a.id(), r.id()).invoice().id()).isEqualTo(cn.id());
        new PostbackService(new OrderService(f.repo, t -> new dev.oms.app.port.TenantSettingsStore.TenantSettings(false), f.payments,
                new FakeInventory(), null, f.ids, f.clock), f.clock)
                .externalUpdate(ctx(), a.id(), "invoice", "invoice.paid", inv.id(), Map.of());
        assertThat(f.load(a.id()).invoices().require(inv.id()).status()).isEqualTo("paid");
        assertThat(f.eventTypes(a.id())).contains("invoice.issued", "credit_note.issued", "invoice.updated", "refund.issued");
    }
}
