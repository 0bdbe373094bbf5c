package dev.oms.platform.auth;

import dev.oms.app.keys.ApiKey;
import dev.oms.app.keys.ApiKeyService;
import dev.oms.app.security.Caller;
import dev.oms.platform.dynamo.DynamoApiKeys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.ids.UlidIds;
import java.time.Clock;
import java.util.Optional;

/**
 * API keys as bearer credentials (docs/admin-api.md, "API keys"): a credential {@code omsk_<keyId>_<secret>} is
 * looked up by its id in the table and accepted when its hash matches and it is neither revoked nor expired. The
 * caller is the key ({@code apikey:<keyId>}, kind from its roles, usually {@code service}) in the key's tenant.
 */
final class ApiKeyAuthentication {
    private static volatile ApiKeyService keys;

    private ApiKeyAuthentication() { }

    static Optional<Caller> authenticate(String secret) {
        return service().authenticate(secret).map(ApiKeyAuthentication::caller);
    }

    static Caller caller(ApiKey k) {
        return new Caller(k.tenantId(), "apikey:" + k.id(), TokenService.defaultKind(k.roles()), k.roles(), null, null);
    }

    /** Built on the first key presented in this container, on the table of {@code TABLE_NAME}. */
    private static ApiKeyService service() {
        ApiKeyService s = keys;
        if (s == null) {
            synchronized (ApiKeyAuthentication.class) {
                if (keys == null) keys = new ApiKeyService(new DynamoApiKeys(SingleTable.fromEnvironment()), new UlidIds(), Clock.systemUTC());
                s = keys;
            }
        }
        return s;
    }
}
