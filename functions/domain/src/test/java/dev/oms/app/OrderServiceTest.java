package dev.oms.app;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.DomainAssertions.failsWithFieldError;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.TENANT;
import static dev.oms.domain.order.OrderMother.anOrder;
import static dev.oms.domain.order.OrderMother.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.oms.app.connector.FraudScreening;
import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.InventoryService.SkuQuantity;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.OrderCommit;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.port.TenantSettingsStore;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.ConfirmationChecks.FraudCheck;
import dev.oms.domain.order.ConfirmationChecks.FraudOutcome;
import dev.oms.domain.order.LineChange;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDraft;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderMother;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.PaymentReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

    // ---- callers -------------------------------------------------------------------------------------------------

    static final Caller AGENT = staff("agent_1", "agent");
    static final Caller AGENT_2 = staff("agent_2", "agent");
    static final Caller ADMIN = staff("admin_1", "admin");
    static final Caller SUPERVISOR = staff("super_1", "supervisor");
    static final Caller ANALYST = staff("analyst_1", "fraud_analyst");
    static final Caller CUSTOMER_1 = new Caller(TENANT, "sub_cus_1", "customer", Set.of("customer"), "cus_1", null);
    static final Caller CUSTOMER_2 = new Caller(TENANT, "sub_cus_2", "customer", Set.of("customer"), "cus_2", null);
    static final Caller OTHER_TENANT_ADMIN = new Caller("t_other", "admin_9", "agent", Set.of("admin"), null, null);

    static Caller staff(String subject, String role) { return new Caller(TENANT, subject, "agent", Set.of(role), null, null); }

    // ---- fakes ---------------------------------------------------------------------------------------------------

    /** Counts the calls a use case makes and hands out one record per call. */
    static final class RecordingJournal implements ResponseJournal {
        final List<Object> askedFor = new ArrayList<>();
        final List<IdempotencyRecord> handedOut = new ArrayList<>();
        int written;

        @Override
        public IdempotencyRecord recordFor(Object result) {
            askedFor.add(result);
            IdempotencyRecord r = new IdempotencyRecord(TENANT, "scope", "req-" + askedFor.size(), "fp", 200, "{}", Map.of(), 0);
            handedOut.add(r);
            return r;
        }

        @Override
        public void written() { written++; }
    }

    static final class Settings implements TenantSettingsStore {
        boolean allowHardDelete;
        @Override public TenantSettings get(String tenantId) { return new TenantSettings(allowHardDelete); }
    }

    static final class Payments implements PaymentGateway {
        final Map<String, PaymentStatus> byId = new HashMap<>();
        void set(String id, State state, Money amount) { byId.put(id, new PaymentStatus(id, state, amount)); }
        final List<Operation> operations = new ArrayList<>();
        @Override public PaymentStatus status(String tenantId, String paymentId) {
            return byId.getOrDefault(paymentId, new PaymentStatus(paymentId, State.NOT_FOUND, null));
        }
        @Override public java.util.Optional<String> orderReference(String tenantId, String paymentId) { return java.util.Optional.empty(); }
        @Override public Operation voidAuthorization(String tenantId, String paymentId, Money amount, String key) {
            Operation op = new Operation("void_" + key, paymentId, "void", amount);
            operations.add(op);
            return op;
        }
        @Override public Operation capture(String tenantId, String paymentId, Money amount, String key) {
            Operation op = new Operation("cap_" + key, paymentId, "capture", amount);
            operations.add(op);
            return op;
        }
        @Override public Operation refund(String tenantId, String paymentId, Money amount, String key) {
            Operation op = new Operation("re_" + key, paymentId, "refund", amount);
            operations.add(op);
            return op;
        }
    }

    static final class Inventory implements InventoryService {
        final Set<String> outOfStock = new HashSet<>();
        final List<List<SkuQuantity>> requests = new ArrayList<>();
        @Override public List<String> unavailable(String tenantId, List<SkuQuantity> request) {
            requests.add(request);
            return request.stream().map(SkuQuantity::sku).filter(outOfStock::contains).toList();
        }
        @Override public List<SkuQuantity> release(String tenantId, String orderId, List<SkuQuantity> request, String key) { return List.of(); }
        @Override public void reserve(String tenantId, String orderId, List<SkuQuantity> request, String key) { }
        @Override public void restock(String tenantId, List<SkuQuantity> request, String key) { }
    }

    static final class Fraud implements FraudScreening {
        FraudCheck next = new FraudCheck(FraudOutcome.APPROVE, 5, List.of());
        @Override public FraudCheck screen(Order order) { return next; }
    }

    static final class Ids implements IdGenerator {
        private final Map<String, Integer> counters = new HashMap<>();
        @Override public String next(String prefix) { return prefix + "_" + counters.merge(prefix, 1, Integer::sum); }
    }

    /** Fixed unless a test moves it on. */
    static final class TestClock extends Clock {
        Instant now = NOW;
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    InMemoryOrderRepository repo;
    Settings settings;
    Payments payments;
    Inventory inventory;
    Fraud fraud;
    TestClock clock;
    OrderService service;
    RecordingJournal journal;

    @BeforeEach
    void setUp() {
        repo = new InMemoryOrderRepository();
        settings = new Settings();
        payments = new Payments();
        inventory = new Inventory();
        fraud = new Fraud();
        clock = new TestClock();
        service = new OrderService(repo, settings, payments, inventory, fraud, new Ids(), clock);
        journal = new RecordingJournal();
    }

    CommandContext ctx(Caller caller) { return new CommandContext(caller, "corr-1", null, null, journal); }

    CommandContext ctx(Caller caller, Long expectedVersion) { return new CommandContext(caller, "corr-1", expectedVersion, null, journal); }

    static CommandContext quiet(Caller caller) { return new CommandContext(caller, "corr-2", null, null, null); }

    static OrderDraft draft() { return anOrder().customer("cus_1").draft(); }

    Order existing() { return service.create(quiet(AGENT), draft()); }

    /** A zero-total order: it confirms without a payment. */
    Order free() { return service.create(quiet(AGENT), anOrder().customer("cus_1").line("FREE", 1, 0).draft()); }

    // =================================================================================================================
    @Nested
    class Create {

        @Test
        void assignsVersionOneANumberAndIds() {
            Order order = service.create(ctx(AGENT), draft());

            assertThat(order.id()).isEqualTo("ord_1");
            assertThat(order.version()).isEqualTo(1);
            assertThat(order.state().number).isEqualTo(1001);
            assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
            assertThat(order.lines()).extracting(OrderLine::id).containsExactly("line_1");
            assertThat(order.state().createdAt).isEqualTo(NOW);

            assertThat(repo.commits).singleElement().satisfies(c -> {
                assertThat(c.expectedVersion()).isZero();
                assertThat(c.meta().actor().id()).isEqualTo("agent_1");
                assertThat(c.meta().actor().type()).isEqualTo("agent");
                assertThat(c.meta().correlationId()).isEqualTo("corr-1");
                assertThat(c.meta().occurredAt()).isEqualTo(NOW);
            });
            assertThat(repo.storedVersion(TENANT, "ord_1")).isEqualTo(1);
            assertThat(repo.eventTypes("ord_1")).containsExactly("order.created");
            assertThat(repo.events.get(0).sequence()).isEqualTo(1);

            Order second = service.create(ctx(AGENT), draft());
            assertThat(second.id()).isEqualTo("ord_2");
            assertThat(second.state().number).isEqualTo(1002);
            assertThat(second.version()).isEqualTo(1);
        }

        @Test
        void theJournalRecordIsCommittedWithTheOrder() {
            Order order = service.create(ctx(AGENT), draft());
            assertThat(journal.askedFor).containsExactly(order);
            assertThat(journal.written).isEqualTo(1);
            assertThat(repo.commits.get(0).idempotency()).isSameAs(journal.handedOut.get(0));
        }

        @Test
        void aCustomerCannotCreateACanonicalOrderWhateverItNames() {
            for (OrderDraft d : java.util.List.of(anOrder().customer(null).draft(), anOrder().customer("cus_1").draft(), anOrder().customer("cus_2").draft())) {
                DomainException e = org.assertj.core.api.Assertions.catchThrowableOfType(DomainException.class, () -> service.create(ctx(CUSTOMER_1), d));
                assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                assertThat(e.code()).isEqualTo("auth.forbidden");
            }
            assertThat(repo.commits).isEmpty();
            assertThat(journal.written).isZero();
        }

        @Test
        void staffMustNameTheCustomer() {
            var fe = failsWithFieldError(() -> service.create(ctx(AGENT), anOrder().customer(null).draft()), "field.required");
            assertThat(fe.field()).isEqualTo("customer_id");
            assertThat(repo.commits).isEmpty();
        }

        @Test
        void duplicateCreatesANewOrderFromAnExistingOne() {
            Order source = existing();
            Order copy = service.duplicate(ctx(AGENT), source.id());
            assertThat(copy.id()).isEqualTo("ord_2");
            assertThat(copy.state().number).isEqualTo(1002);
            assertThat(copy.version()).isEqualTo(1);
            assertThat(copy.state().duplicatedFrom).isEqualTo("ord_1");
            assertThat(copy.state().source).isEqualTo("duplicate");
            assertThat(repo.eventTypes("ord_2")).containsExactly("order.created");
            assertThat(repo.events.get(1).event().data()).containsEntry("duplicated_from", "ord_1");
            assertThat(journal.written).isEqualTo(1);

            failsWith(() -> service.duplicate(ctx(CUSTOMER_2), source.id()), "order.not_found");
        }
    }

    // =================================================================================================================
    @Nested
    class Visibility {

        @Test
        void customersSeeOnlyTheirOwnOrders() {
            Order order = existing();
            assertThat(service.get(ctx(CUSTOMER_1), order.id()).id()).isEqualTo("ord_1");

            DomainException e = failsWith(() -> service.get(ctx(CUSTOMER_2), order.id()), "order.not_found");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
            failsWith(() -> service.update(ctx(CUSTOMER_2), order.id(), Map.of("a", "b"), null, null), "order.not_found");
            assertThat(repo.storedVersion(TENANT, "ord_1")).isEqualTo(1);
        }

        @Test
        void otherTenantsAndUnknownIdsAreNotFound() {
            Order order = existing();
            failsWith(() -> service.get(ctx(OTHER_TENANT_ADMIN), order.id()), "order.not_found");
            failsWith(() -> service.get(ctx(AGENT), "ord_404"), "order.not_found");
            failsWith(() -> service.close(ctx(AGENT), "ord_404"), "order.not_found");
        }

        @Test
        void customerListsAreScopedToTheCustomer() {
            service.create(quiet(AGENT), anOrder().customer("cus_1").draft());
            service.create(quiet(AGENT), anOrder().customer("cus_2").draft());
            service.create(quiet(AGENT), anOrder().customer("cus_1").draft());
            OrderFilter any = new OrderFilter(null, null, null, null, null, null, false);
            OrderFilter sneaky = any.withCustomer("cus_2");

            assertThat(service.list(ctx(CUSTOMER_1), any, new PageRequest(null, 50)).items()).extracting(Order::id)
                    .containsExactly("ord_1", "ord_3");
            assertThat(service.list(ctx(CUSTOMER_1), sneaky, new PageRequest(null, 50)).items()).extracting(Order::id)
                    .containsExactly("ord_1", "ord_3");
            assertThat(service.list(ctx(AGENT), any, new PageRequest(null, 50)).items()).hasSize(3);
            assertThat(service.list(ctx(OTHER_TENANT_ADMIN), any, new PageRequest(null, 50)).items()).isEmpty();
        }

        @Test
        void softDeletedOrdersAnswerDeleted() {
            Order order = existing();
            service.delete(ctx(AGENT).withReason("entered twice"), order.id(), false);
            assertThat(repo.eventTypes("ord_1")).containsExactly("order.created", "order.deleted");
            assertThat(repo.events.get(1).event().reason()).isEqualTo("entered twice");
            assertThat(repo.events.get(1).meta().reason()).isEqualTo("entered twice");

            DomainException e = failsWith(() -> service.get(ctx(AGENT), order.id()), "order.deleted");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
            failsWith(() -> service.update(ctx(AGENT), order.id(), Map.of("a", "b"), null, null), "order.deleted");
            failsWith(() -> service.delete(ctx(AGENT), order.id(), false), "order.deleted");
            // other customers still get a plain not_found, never a hint that the order exists
            failsWith(() -> service.get(ctx(CUSTOMER_2), order.id()), "order.not_found");
        }

        @Test
        void softDeleteOfAConfirmedOrderIsRefused() {
            Order order = free();
            service.confirm(quiet(AGENT), order.id());
            failsWith(() -> service.delete(ctx(AGENT), order.id(), false), "order.blocked.active");
            assertThat(service.get(ctx(AGENT), order.id()).isDeleted()).isFalse();
        }
    }

    // =================================================================================================================
    @Nested
    class Concurrency {

        @Test
        void aStaleExpectedVersionIsAConflictWithTheCurrentVersion() {
            Order order = existing();
            DomainException e = failsWith(() -> service.update(ctx(AGENT, 7L), order.id(), Map.of("a", "1"), null, null),
                    "order.version_conflict");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.details()).containsEntry("current_version", 1L);
            assertThat(repo.commits).hasSize(1);
            assertThat(journal.written).isZero();
        }

        @Test
        void theExpectedVersionIsAcceptedWhenCurrent() {
            Order order = existing();
            Order updated = service.update(ctx(AGENT, 1L), order.id(), Map.of("a", "1"), null, null);
            assertThat(updated.version()).isEqualTo(2);
            assertThat(repo.storedVersion(TENANT, "ord_1")).isEqualTo(2);
            DomainException e = failsWith(() -> service.update(ctx(AGENT, 1L), order.id(), Map.of("a", "2"), null, null),
                    "order.version_conflict");
            assertThat(e.details()).containsEntry("current_version", 2L);
        }

        @Test
        void aConcurrentUpdateWithoutExpectedVersionIsRetriedAndBothChangesSurvive() {
            Order order = existing();
            repo.beforeNextCommit = () -> service.update(quiet(AGENT_2), order.id(), Map.of("from_b", "2"), null, null);

            Order result = service.update(ctx(AGENT), order.id(), Map.of("from_a", "1"), null, null);

            assertThat(repo.commitAttempts).isEqualTo(4); // create, A (lost), B, A again
            Order stored = service.get(ctx(AGENT), order.id());
            assertThat(stored.version()).isEqualTo(3);
            assertThat(result.version()).isEqualTo(3);
            assertThat(stored.state().metadata).containsExactly(entry("from_a", "1"), entry("from_b", "2"));
            assertThat(repo.events).extracting(w -> w.event().type() + "@" + w.sequence() + " by " + w.meta().actor().id())
                    .containsExactly("order.created@1 by agent_1", "order.updated@2 by agent_2", "order.updated@3 by agent_1");
            assertThat(journal.written).isEqualTo(1);
            assertThat(repo.commits.get(2).idempotency()).isSameAs(journal.handedOut.get(journal.handedOut.size() - 1));
        }

        @Test
        void aConcurrentUpdateReChecksTheRules() {
            Order order = free();
            // while A wants to add a line, B confirms the order: on retry A's add is refused
            repo.beforeNextCommit = () -> service.confirm(quiet(AGENT_2), order.id());
            failsWith(() -> service.addLine(ctx(AGENT), order.id(), spec("SKU-2", 1, 100)), "order.lines_not_editable");
            Order stored = service.get(ctx(AGENT), order.id());
            assertThat(stored.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(stored.lines()).hasSize(1);
            assertThat(journal.written).isZero();
        }

        @Test
        void aConcurrentUpdateWithAnExpectedVersionIsAConflict() {
            Order order = existing();
            repo.beforeNextCommit = () -> service.update(quiet(AGENT_2), order.id(), Map.of("from_b", "2"), null, null);

            DomainException e = failsWith(() -> service.update(ctx(AGENT, 1L), order.id(), Map.of("from_a", "1"), null, null),
                    "order.version_conflict");
            assertThat(e.details()).containsEntry("current_version", 2L);
            assertThat(service.get(ctx(AGENT), order.id()).state().metadata).containsExactly(entry("from_b", "2"));
            assertThat(journal.written).isZero();
        }

        @Test
        void endlessContentionGivesUpAfterMaxAttempts() {
            Order order = existing();
            repo.alwaysConflict = true;
            int before = repo.commitAttempts;
            DomainException e = failsWith(() -> service.update(ctx(AGENT), order.id(), Map.of("a", "1"), null, null), "order.contention");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(OrderTransactions.MAX_ATTEMPTS).isGreaterThan(1);
            assertThat(repo.commitAttempts - before).isEqualTo(OrderTransactions.MAX_ATTEMPTS);
            assertThat(journal.written).isZero();
        }
    }

    // =================================================================================================================
    @Nested
    class Deletion {

        @Test
        void hardDeleteNeedsThePermission() {
            settings.allowHardDelete = true;
            Order order = existing();
            for (Caller c : List.of(AGENT, SUPERVISOR, CUSTOMER_1)) {
                DomainException e = failsWith(() -> service.delete(ctx(c), order.id(), true), "auth.forbidden");
                assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
            }
            assertThat(repo.find(TENANT, order.id())).isPresent();
            assertThat(repo.hardDeletes).isEmpty();
        }

        @Test
        void hardDeleteNeedsTheTenantSetting() {
            Order order = existing();
            settings.allowHardDelete = false;
            DomainException e = failsWith(() -> service.delete(ctx(ADMIN), order.id(), true), "order.hard_delete_disabled");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(repo.find(TENANT, order.id())).isPresent();
        }

        @Test
        void anAdminHardDeletesWhenTheTenantAllowsIt() {
            settings.allowHardDelete = true;
            Order order = existing();
            service.delete(ctx(ADMIN).withReason("gdpr erasure"), order.id(), true);

            assertThat(repo.find(TENANT, order.id())).isEmpty();
            failsWith(() -> service.get(ctx(ADMIN), order.id()), "order.not_found");
            assertThat(repo.hardDeletes).singleElement().satisfies(c -> {
                assertThat(c.expectedVersion()).isEqualTo(1);
                assertThat(c.meta().actor().id()).isEqualTo("admin_1");
                assertThat(c.idempotency()).isSameAs(journal.handedOut.get(0));
            });
            DomainEvent deleted = repo.events.get(repo.events.size() - 1).event();
            assertThat(deleted.type()).isEqualTo("order.deleted");
            assertThat(deleted.reason()).isEqualTo("gdpr erasure");
            assertThat(deleted.data()).containsEntry("hard", true);
            assertThat(journal.written).isEqualTo(1);
        }
        @Test
        void aHardDeleteThatLosesARaceIsAVersionConflict() {
            settings.allowHardDelete = true;
            Order order = existing();
            repo.beforeNextHardDelete = () -> service.update(quiet(AGENT_2), order.id(), Map.of("b", "2"), null, null);
            DomainException e = failsWith(() -> service.delete(ctx(ADMIN, 1L), order.id(), true), "order.version_conflict");
            assertThat(e.details()).containsEntry("current_version", 2L);
        }
        @Test
        void aHardDeleteThatLosesARaceWithoutIfMatchIsRetried() {
            settings.allowHardDelete = true;
            Order order = existing();
            repo.beforeNextHardDelete = () -> service.update(quiet(AGENT_2), order.id(), Map.of("b", "2"), null, null);
            service.delete(ctx(ADMIN), order.id(), true);
            assertThat(repo.find(TENANT, order.id())).isEmpty();
            assertThat(journal.written).isEqualTo(1);
        }

        @Test
        void hardDeleteChecksTheOrder() {
            settings.allowHardDelete = true;
            Order order = free();
            failsWith(() -> service.delete(ctx(ADMIN, 4L), order.id(), true), "order.version_conflict");
            failsWith(() -> service.delete(ctx(ADMIN), "ord_404", true), "order.not_found");
            service.confirm(quiet(AGENT), order.id());
            failsWith(() -> service.delete(ctx(ADMIN), order.id(), true), "order.blocked.active");
            assertThat(repo.find(TENANT, order.id())).isPresent();
            assertThat(journal.written).isZero();
        }
    }

    // =================================================================================================================
    @Nested
    class Confirmation {

        @Test
        void confirmsWhenPaymentInventoryAndFraudAgree() {
            Order order = service.create(quiet(AGENT), anOrder().customer("cus_1").line("SKU-1", 2, 1000).line("SKU-2", 1, 500)
                    .line("SKU-1", 3, 1000).payment("pay_1", 5500, "pending").draft());
            payments.set("pay_1", PaymentGateway.State.AUTHORIZED, Money.of(5500, "GBP"));

            Order confirmed = service.confirm(ctx(AGENT), order.id());

            assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(confirmed.version()).isEqualTo(2);
            assertThat(confirmed.state().payments).extracting(PaymentReference::status).containsExactly("authorized");
            assertThat(inventory.requests).singleElement().asList()
                    .containsExactly(new SkuQuantity("SKU-1", 5), new SkuQuantity("SKU-2", 1));
            assertThat(repo.eventTypes(order.id())).containsExactly("order.created", "order.confirmed");
            assertThat(journal.written).isEqualTo(1);
        }

        @Test
        void aPendingAuthorizationMakesTheOrderPending() {
            Order order = service.create(quiet(AGENT), anOrder().customer("cus_1").payment("pay_1", 1000, "captured")
                    .payment("pay_2", 1000, "pending").draft());
            payments.set("pay_1", PaymentGateway.State.CAPTURED, Money.of(1000, "GBP"));
            payments.set("pay_2", PaymentGateway.State.PENDING, null);

            assertThat(service.confirm(ctx(AGENT), order.id()).status()).isEqualTo(OrderStatus.PENDING);
            assertThat(repo.events.get(1).event().data()).containsEntry("authorized", 1000L).containsEntry("total", 2000L);

            payments.set("pay_2", PaymentGateway.State.AUTHORIZED, Money.of(1000, "GBP"));
            assertThat(service.confirm(ctx(AGENT), order.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(repo.storedVersion(TENANT, order.id())).isEqualTo(3);
        }

        @Test
        void aDeclinedPaymentRefusesAndStoresNothing() {
            Order order = service.create(quiet(AGENT), anOrder().customer("cus_1").payment("pay_1", 2000, "authorized").draft());
            payments.set("pay_1", PaymentGateway.State.DECLINED, null);
            DomainException e = failsWith(() -> service.confirm(ctx(AGENT), order.id()), "order.blocked.payment_declined");
            assertThat(e.details()).containsEntry("payments", Map.of("pay_1", "declined"));
            assertThat(repo.storedVersion(TENANT, order.id())).isEqualTo(1);
            assertThat(service.get(ctx(AGENT), order.id()).status()).isEqualTo(OrderStatus.CREATED);
            assertThat(journal.written).isZero();
        }

        @Test
        void anUnknownPaymentCountsAsDeclined() {
            Order order = service.create(quiet(AGENT), anOrder().customer("cus_1").payment("pay_gone", 2000, "authorized").draft());
            failsWith(() -> service.confirm(ctx(AGENT), order.id()), "order.blocked.payment_declined");
        }

        @Test
        void paymentsInAnotherCurrencyOrTooSmallDoNotCover() {
            Order order = service.create(quiet(AGENT), anOrder().customer("cus_1").payment("pay_1", 2000, "authorized")
                    .payment("pay_2", 2000, "authorized").draft());
            payments.set("pay_1", PaymentGateway.State.AUTHORIZED, Money.of(2000, "USD"));
            payments.set("pay_2", PaymentGateway.State.AUTHORIZED, Money.of(1999, "GBP"));
            DomainException e = failsWith(() -> service.confirm(ctx(AGENT), order.id()), "order.blocked.payment_required");
            assertThat(e.details()).containsEntry("authorized", 1999L);
        }

        @Test
        void noPaymentIsRequired() {
            Order order = existing();
            failsWith(() -> service.confirm(ctx(AGENT), order.id()), "order.blocked.payment_required");

            Order free = service.create(quiet(AGENT), anOrder().customer("cus_1").line("FREE", 1, 0).draft());
            assertThat(service.confirm(ctx(AGENT), free.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
        }

        @Test
        void unavailableStockRefuses() {
            Order order = existing();
            inventory.outOfStock.add("SKU-1");
            DomainException e = failsWith(() -> service.confirm(ctx(AGENT), order.id()), "order.blocked.inventory_unavailable");
            assertThat(e.details()).containsEntry("skus", List.of("SKU-1"));
        }

        @Test
        void aFraudHoldIsReleasedOnlyWithTheReleaseFraudPermission() {
            Order order = service.create(quiet(AGENT), anOrder().customer("cus_1").payment("pay_1", 2000, "authorized").draft());
            payments.set("pay_1", PaymentGateway.State.AUTHORIZED, Money.of(2000, "GBP"));
            fraud.next = new FraudCheck(FraudOutcome.REVIEW, 70, List.of("velocity"));

            Order held = service.confirm(ctx(AGENT), order.id());
            assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(held.holds()).singleElement().satisfies(h -> {
                assertThat(h.id()).isEqualTo("hold_1");
                assertThat(h.type()).isEqualTo("fraud");
                assertThat(h.placedBy()).isEqualTo("agent_1");
            });

            DomainException e = failsWith(() -> service.release(ctx(AGENT), order.id(), "hold_1", "ok"), "auth.forbidden");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
            assertThat(service.get(ctx(AGENT), order.id()).status()).isEqualTo(OrderStatus.ON_HOLD);

            OrderService.HoldResult released = service.release(ctx(ANALYST), order.id(), "hold_1", "verified with the bank");
            assertThat(released.hold().id()).isEqualTo("hold_1");
            assertThat(released.order().status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(service.get(ctx(AGENT), order.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(repo.eventTypes(order.id())).containsExactly("order.created", "order.held", "order.hold_released", "order.confirmed");
        }

        @Test
        void aSupervisorMayAlsoReleaseAFraudHold() {
            Order order = service.create(quiet(AGENT), anOrder().customer("cus_1").line("FREE", 1, 0).draft());
            fraud.next = new FraudCheck(FraudOutcome.REJECT, 99, List.of("blocklist"));
            service.confirm(quiet(AGENT), order.id());
            assertThat(service.release(ctx(SUPERVISOR), order.id(), null, "false positive").order().status())
                    .isEqualTo(OrderStatus.CONFIRMED);
        }

        @Test
        void anAgentReleasesAManualHold() {
            Order order = existing();
            OrderService.HoldResult held = service.hold(ctx(AGENT), order.id(), "manual_review", "call the customer", "agent_2", "note");
            assertThat(held.hold()).satisfies(h -> {
                assertThat(h.id()).isEqualTo("hold_1");
                assertThat(h.placedBy()).isEqualTo("agent_1");
                assertThat(h.placedAt()).isEqualTo(NOW);
                assertThat(h.assignedTo()).isEqualTo("agent_2");
            });
            assertThat(service.release(ctx(AGENT), order.id(), "hold_1", "done").order().status()).isEqualTo(OrderStatus.CREATED);
            assertThat(journal.written).isEqualTo(2);
        }

        @Test
        void closeAndReopenCarryTheReason() {
            Order order = service.create(quiet(AGENT), anOrder().customer("cus_1").line("FREE", 1, 0).draft());
            service.confirm(quiet(AGENT), order.id());
            assertThat(service.close(ctx(AGENT).withReason("delivered"), order.id()).status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(service.reopen(ctx(ADMIN).withReason("complaint"), order.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(repo.events).extracting(w -> w.event().type() + ":" + w.event().reason())
                    .endsWith("order.closed:delivered", "order.reopened:complaint");
            failsWith(() -> service.reopen(ctx(ADMIN), order.id()), "order.invalid_transition");
        }
    }

    // =================================================================================================================
    @Nested
    class LinesAndJournal {

        @Test
        void lineCommandsReturnTheLinesTheyTouched() {
            Order order = existing();
            OrderService.LineResult added = service.addLine(ctx(AGENT), order.id(), spec("c-9", "SKU-9", 4, 250));
            assertThat(added.lines()).extracting(OrderLine::id).containsExactly("line_2");
            assertThat(added.order().version()).isEqualTo(2);

            OrderService.LineResult split = service.splitLine(ctx(AGENT), order.id(), "line_2", List.of(1L, 3L));
            assertThat(split.lines()).extracting(OrderLine::id).containsExactly("line_2", "line_3");

            OrderService.LineResult updated = service.updateLine(ctx(AGENT), order.id(), "line_3",
                    new LineChange(2L, null, null, null, null, null, null));
            assertThat(updated.lines()).singleElement().extracting(OrderLine::quantity).isEqualTo(2L);

            Order removed = service.removeLine(ctx(AGENT), order.id(), "line_3");
            assertThat(removed.lines()).extracting(OrderLine::id).containsExactly("line_1", "line_2");

            Order bulk = service.bulkLines(ctx(AGENT), order.id(), List.of(spec("SKU-B", 1, 1)), Map.of());
            assertThat(bulk.lines()).hasSize(3);
            assertThat(bulk.version()).isEqualTo(6);

            assertThat(repo.eventTypes(order.id())).containsExactly("order.created", "order.line_added", "order.line_split",
                    "order.line_updated", "order.line_removed", "order.lines_bulk_updated");
            assertThat(journal.written).isEqualTo(5);
            assertThat(journal.askedFor).hasSize(5);
            assertThat(journal.askedFor.get(0)).isSameAs(added);
        }

        @Test
        void aCommandThatChangesNothingCommitsNothing() {
            Order order = existing();
            service.addLine(quiet(AGENT), order.id(), spec("c-9", "SKU-9", 1, 100));
            int commits = repo.commits.size();

            OrderService.LineResult again = service.addLine(ctx(AGENT), order.id(), spec("c-9", "SKU-9", 1, 100));
            assertThat(again.lines()).extracting(OrderLine::id).containsExactly("line_2");
            assertThat(repo.commits).hasSize(commits);
            assertThat(repo.storedVersion(TENANT, order.id())).isEqualTo(2);
            assertThat(journal.askedFor).isEmpty();
            assertThat(journal.written).isZero();
        }

        @Test
        void aRefusedCommandIsNotJournaled() {
            Order order = existing();
            failsWith(() -> service.removeLine(ctx(AGENT), order.id(), "line_1"), "order.last_line");
            assertThat(journal.askedFor).isEmpty();
            assertThat(journal.written).isZero();
        }

        @Test
        void impersonationAndReasonAreRecordedInTheCommandMeta() {
            Order order = existing();
            Caller impersonated = new Caller(TENANT, "sub_cus_1", "customer", Set.of("customer"), "cus_1", "agent_7");
            service.update(new CommandContext(impersonated, "corr-9", null, "address fix", journal), order.id(), null, OrderMother.OFFICE, null);
            CommandMeta meta = repo.commits.get(repo.commits.size() - 1).meta();
            assertThat(meta.metadata()).containsExactly(entry("impersonated_by", "agent_7"));
            assertThat(meta.reason()).isEqualTo("address fix");
            assertThat(meta.correlationId()).isEqualTo("corr-9");
            assertThat(meta.actor().id()).isEqualTo("sub_cus_1");
            assertThat(repo.commits.get(0).meta().metadata()).isEmpty();
        }
    }

    // =================================================================================================================
    @Nested
    class Locks {

        @Test
        void aLockKeepsOthersOutUntilReleased() {
            Order order = existing();
            OrderService.LockResult locked = service.lock(ctx(AGENT), order.id(), 300, "editing");
            assertThat(locked.lock().id()).isEqualTo("lck_1.ord_1");
            assertThat(locked.lock().owner()).isEqualTo("agent_1");
            assertThat(locked.lock().expiresAt()).isEqualTo(NOW.plusSeconds(300));

            DomainException e = failsWith(() -> service.update(ctx(AGENT_2), order.id(), Map.of("a", "1"), null, null), "order.locked");
            assertThat(e.details()).containsEntry("lock_expires_at", "2025-03-01T12:05:00Z");
            failsWith(() -> service.lock(ctx(AGENT_2), order.id(), 60, "editing"), "order.locked");
            assertThat(service.update(ctx(AGENT), order.id(), Map.of("a", "1"), null, null).version()).isEqualTo(3);

            failsWith(() -> service.unlock(ctx(AGENT_2), "lck_1.ord_1"), "auth.forbidden");
            service.unlock(ctx(AGENT), "lck_1.ord_1");
            assertThat(service.update(ctx(AGENT_2), order.id(), Map.of("b", "2"), null, null).version()).isEqualTo(5);
            assertThat(repo.eventTypes(order.id())).containsExactly("order.created", "order.lock_acquired", "order.updated",
                    "order.lock_released", "order.updated");
        }

        @Test
        void aSupervisorMayOverrideALock() {
            Order order = existing();
            service.lock(ctx(AGENT), order.id(), 300, "editing");
            service.unlock(ctx(SUPERVISOR), "lck_1.ord_1");
            assertThat(service.get(ctx(AGENT), order.id()).state().lock).isNull();
        }

        @Test
        void anExpiredLockIsIgnored() {
            Order order = existing();
            service.lock(ctx(AGENT), order.id(), 60, "editing");
            clock.now = NOW.plus(Duration.ofSeconds(60));
            assertThat(service.update(ctx(AGENT_2), order.id(), Map.of("a", "1"), null, null).state().metadata).containsEntry("a", "1");
            assertThat(service.lock(ctx(AGENT_2), order.id(), 60, "mine now").lock().owner()).isEqualTo("agent_2");
        }

        @Test
        void lockInputAndUnknownLocks() {
            Order order = existing();
            failsWithFieldError(() -> service.lock(ctx(AGENT), order.id(), 0, "x"), "ttl_seconds.out_of_range");
            failsWithFieldError(() -> service.lock(ctx(AGENT), order.id(), OrderService.MAX_LOCK_SECONDS + 1, "x"), "ttl_seconds.out_of_range");
            assertThat(service.lock(ctx(AGENT), order.id(), OrderService.MAX_LOCK_SECONDS, "x").lock().expiresAt())
                    .isEqualTo(NOW.plusSeconds(3600));

            failsWith(() -> service.unlock(ctx(AGENT), "bogus"), "lock.not_found");
            failsWith(() -> service.unlock(ctx(AGENT), "lck_1."), "lock.not_found");
            failsWith(() -> service.unlock(ctx(AGENT), "lck_1.ord_404"), "lock.not_found");
            failsWith(() -> service.unlock(ctx(AGENT), "lck_9.ord_1"), "lock.not_found");
            failsWith(() -> service.unlock(ctx(OTHER_TENANT_ADMIN), "lck_1.ord_1"), "lock.not_found");
        }
    }
}
