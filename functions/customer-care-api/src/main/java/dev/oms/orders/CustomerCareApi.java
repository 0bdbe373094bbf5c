package dev.oms.orders;

import dev.oms.app.cases.OrderMessagesService;
import dev.oms.app.customer.ShipmentUpdatePreferences;
import dev.oms.app.guest.GuestLookupService;
import dev.oms.platform.auth.TokenService;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.dynamo.GuestLookupItems;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.messaging.SnsNotificationSender;
import dev.oms.platform.ratelimit.RateLimiter;
import dev.oms.platform.storage.S3DocumentStorage;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The composition root of the customer-care API function group (the customer API, part 2: rate limits and the
 * guest lookup, docs/customer-care.md; the conversation with support, docs/customer-api.md#messages): DynamoDB, SNS for the
 * verification emails and the announcements of messages, S3 presigning for the messages' attachments.
 */
final class CustomerCareApi {
    private static final Once<CustomerCareApi> INSTANCE = Once.of(() -> new CustomerCareApi(CoreServices.get()));
    private static final SecureRandom RANDOM = new SecureRandom();

    final Clock clock;
    final IdempotencyStore idempotency;
    final RateLimiter rateLimits;
    final GuestLookupService guestLookup;
    final TokenService tokens;
    final OrderMessagesService messages;
    final ShipmentUpdatePreferences shipmentUpdates;
    final dev.oms.app.cart.Reorders reorders;
    final dev.oms.app.cart.CouponPreviewService coupons;
    final dev.oms.app.customer.CustomerFaq faq;

    private CustomerCareApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        rateLimits = RateLimiter.shared(core.table, core.clock);
        tokens = TokenService.fromEnvironment();
        GuestLookupItems items = new GuestLookupItems(core.table);
        SnsNotificationSender notifications = new SnsNotificationSender(
                Env.get("NOTIFICATIONS_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:oms-notifications"));
        DynamoOrderSettings orderSettings = new DynamoOrderSettings(core.table);
        messages = new OrderMessagesService(core.transactions(), S3DocumentStorage.fromEnvironment(), orderSettings, notifications, core.ids, core.clock);
        shipmentUpdates = new ShipmentUpdatePreferences(core.transactions(), core.clock);
        reorders = new dev.oms.app.cart.Reorders(core.transactions(), core.cart(new dev.oms.platform.connectors.SandboxCart(core.table, core.ids, core.clock)),
                orderSettings, core.ids, core.clock);
        faq = new dev.oms.app.customer.CustomerFaq(core.transactions(), orderSettings, core.clock);
        coupons = new dev.oms.app.cart.CouponPreviewService(core.transactions(),
                core.promotions(new dev.oms.platform.connectors.SandboxPromotions(core.table)), core.clock);
        guestLookup = new GuestLookupService(items, core.repository, items, notifications,
                () -> String.format("%06d", RANDOM.nextInt(1_000_000)),
                Env.required("OMS_TOKEN_SECRET").getBytes(StandardCharsets.UTF_8), core.clock);
    }

    static CustomerCareApi get() { return INSTANCE.get(); }
}
