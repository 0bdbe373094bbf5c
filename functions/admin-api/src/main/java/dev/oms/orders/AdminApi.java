package dev.oms.orders;

import dev.oms.platform.auth.SudoTokens;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the admin API function group, core part (docs/admin-api.md): DynamoDB through
 * {@link CoreServices}, and the step-up tokens.
 */
final class AdminApi {
    private static final Once<AdminApi> INSTANCE = Once.of(() -> new AdminApi(CoreServices.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final SudoTokens sudo;

    private AdminApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        sudo = SudoTokens.shared();
    }

    static AdminApi get() { return INSTANCE.get(); }
}
