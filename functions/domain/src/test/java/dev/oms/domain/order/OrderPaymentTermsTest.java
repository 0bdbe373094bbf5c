package dev.oms.domain.order;

import static dev.oms.domain.order.OrderMother.AGENT;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.approve;
import static dev.oms.domain.order.OrderMother.authorized;
import static dev.oms.domain.order.OrderMother.missing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderPaymentTermsTest {
    private static final LocalDate TODAY = LocalDate.parse("2025-03-01"); // NOW is 2025-03-01T12:00Z

    private static Order withTerms(String kind, LocalDate due) {
        OrderMother m = OrderMother.anOrder();
        OrderDraft d = m.draft();
        OrderDraft terms = new OrderDraft(d.externalReference(), d.customerId(), d.channel(), d.source(), d.currency(), d.items(),
                d.shippingAddress(), d.billingAddress(), d.shippingMethod(), d.shippingAmount(), d.discount(), d.payments(), d.metadata(),
                new PaymentTerms(kind, due));
        return OrderMother.fresh(Order.create(OrderMother.TENANT, "ord_1", 1, terms, NOW, m.lineIds()));
    }

    private static ConfirmationChecks terms(boolean allowed, ConfirmationChecks.PaymentCheck pay) {
        return new ConfirmationChecks(pay, List.of(), approve(), allowed);
    }

    @Test
    void relativeTermsAreDueCountedFromTheDayOfConfirmation() {
        assertThat(new PaymentTerms("due_on_receipt", null).dueOn(NOW)).isEqualTo(TODAY);
        assertThat(new PaymentTerms("net_15", null).dueOn(NOW)).isEqualTo(TODAY.plusDays(15));
        assertThat(new PaymentTerms("net_30", null).dueOn(NOW)).isEqualTo(TODAY.plusDays(30));
        assertThat(new PaymentTerms("net_60", null).dueOn(NOW)).isEqualTo(TODAY.plusDays(60));
        assertThat(new PaymentTerms("due_date", TODAY.plusDays(3)).dueOn(NOW)).isEqualTo(TODAY.plusDays(3));
        assertThat(PaymentTerms.overdueAt(TODAY)).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
        assertThat(PaymentTerms.relative(new PaymentTerms("due_date", TODAY))).isNull();
        assertThat(PaymentTerms.relative(new PaymentTerms("net_30", null)).kind()).isEqualTo("net_30");
    }

    @Test
    void anExplicitDateIsTodayOrLaterWithinAYear() {
        assertThatThrownBy(() -> withTerms("due_date", TODAY.minusDays(1))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("field.out_of_range"));
        assertThatThrownBy(() -> withTerms("due_date", TODAY.plusDays(367))).isInstanceOf(DomainException.class);
        assertThat(withTerms("due_date", TODAY).state().paymentTerms.dueDate()).isEqualTo(TODAY);
    }

    @Test
    void allowedTermsConfirmWithoutAPaymentAndSetTheDueDate() {
        Order o = withTerms("net_30", null);
        o.confirm(terms(true, missing(0)), "hold_1", AGENT, NOW);
        assertThat(o.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(o.state().dueDate).isEqualTo(TODAY.plusDays(30));
        assertThat(o.balanceDue()).isEqualTo(o.totals().total());
        DomainEvent confirmed = o.pendingEvents().get(o.pendingEvents().size() - 1);
        assertThat(confirmed.data()).containsEntry("payment_terms", "net_30").containsEntry("due_date", TODAY.plusDays(30).toString());
    }

    @Test
    void termsNotAllowedNeedAnAuthorizationAndThenDoNotApply() {
        Order refused = withTerms("net_15", null);
        assertThatThrownBy(() -> refused.confirm(terms(false, missing(0)), "hold_1", AGENT, NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("order.blocked.payment_terms_not_allowed"));
        assertThat(refused.status()).isEqualTo(OrderStatus.CREATED);

        Order paid = withTerms("net_15", null);
        paid.confirm(terms(false, authorized(paid.totals().total())), "hold_1", AGENT, NOW);
        assertThat(paid.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(paid.state().dueDate).isNull();
        assertThat(paid.paymentTerms().isOpen()).isFalse();
    }

    @Test
    void overdueIsRecordedOnceAfterTheDueDateWithABalanceLeft() {
        Order o = withTerms("due_on_receipt", null);
        o.confirm(terms(true, missing(0)), "hold_1", AGENT, NOW);
        o = OrderMother.fresh(o);
        Instant overdueAt = o.paymentTerms().overdueAt();
        assertThat(overdueAt).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
        assertThat(o.paymentTerms().markOverdue(overdueAt.minusSeconds(1))).isFalse();
        assertThat(o.hasChanges()).isFalse();
        Instant later = overdueAt.plus(Duration.ofDays(2));
        assertThat(o.paymentTerms().markOverdue(later)).isTrue();
        DomainEvent e = o.pendingEvents().get(0);
        assertThat(e.type()).isEqualTo("order.payment_overdue");
        assertThat(e.data()).containsEntry("balance_due", o.totals().total()).containsEntry("days_overdue", 3L)
                .containsEntry("due_date", TODAY.toString());
        assertThat(o.state().paymentOverdueAt).isEqualTo(later);
        assertThat(o.paymentTerms().markOverdue(later.plusSeconds(60))).as("once").isFalse();
    }

    @Test
    void aSettledOrCancelledOrderIsNeverOverdue() {
        Order o = withTerms("due_on_receipt", null);
        o.confirm(terms(true, missing(0)), "hold_1", AGENT, NOW);
        o.state().payments = List.of(new PaymentReference("pay_1", OrderMother.gbp(o.totals().total()), "captured",
                o.totals().total(), 0, java.util.Map.of()));
        assertThat(o.balanceDue()).isZero();
        assertThat(o.paymentTerms().isOpen()).isFalse();
        assertThat(o.paymentTerms().markOverdue(NOW.plus(Duration.ofDays(5)))).isFalse();
        Order cancelled = withTerms("due_on_receipt", null);
        cancelled.confirm(terms(true, missing(0)), "hold_1", AGENT, NOW);
        cancelled.state().status = OrderStatus.CANCELLED;
        assertThat(cancelled.paymentTerms().markOverdue(NOW.plus(Duration.ofDays(5)))).isFalse();
    }
}
