package dev.oms.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.CommandContext;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** The store as a map, recording the events it was given. */
    static final class MapStore implements ApiKeyStore {
        final Map<String, ApiKey> keys = new HashMap<>();
        final List<CommandMeta> events = new ArrayList<>();

        @Override public void create(ApiKey key, String eventId, CommandMeta meta) { keys.put(key.id(), key); events.add(meta); }
        @Override public Optional<ApiKey> find(String keyId) { return Optional.ofNullable(keys.get(keyId)); }
        @Override public boolean revoke(ApiKey revoked, String eventId, CommandMeta meta) {
            if (keys.get(revoked.id()).revokedAt() != null) return false;
            keys.put(revoked.id(), revoked);
            events.add(meta);
            return true;
        }
        @Override public Page<ApiKey> list(String tenantId, PageRequest page) {
            return new Page<>(keys.values().stream().filter(k -> k.tenantId().equals(tenantId)).toList(), null);
        }
        final List<String> uses = new ArrayList<>();
        @Override public void recordUse(String keyId, java.time.Instant at, java.time.Instant unlessSince) {
            ApiKey k = keys.get(keyId);
            if (k.lastUsedAt() != null && !k.lastUsedAt().isBefore(unlessSince)) return;
            uses.add(keyId);
            keys.put(keyId, new ApiKey(k.id(), k.tenantId(), k.name(), k.secretHash(), k.roles(), k.createdBy(), k.createdAt(), k.expiresAt(),
                    k.revokedAt(), k.warehouseId(), k.deviceId(), at));
        }
    }

    final MapStore store = new MapStore();
    final AtomicInteger seq = new AtomicInteger();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final ApiKeyService keys = new ApiKeyService(store, prefix -> prefix + "_" + seq.incrementAndGet(), clock);

    static CommandContext as(String... roles) {
        return new CommandContext(new Caller("t1", "creator", "agent", Set.of(roles), null, null), "corr", null, null, null, "10.0.0.1");
    }

    @Test
    void theSecretIsReturnedOnceAndOnlyItsHashIsStored() {
        ApiKeyService.Issued issued = keys.create(as("admin"), "erp", Set.of("service"), null);
        ApiKey stored = store.keys.get(issued.key().id());
        assertThat(issued.secret()).startsWith("omsk_key_1_").hasSize("omsk_key_1_".length() + 64);
        assertThat(stored.secretHash()).isEqualTo(ApiKeySecrets.hash(issued.secret())).doesNotContain(issued.secret());
        assertThat(stored.expiresAt()).isEqualTo(NOW.plus(ApiKeyService.DEFAULT_LIFETIME));
        assertThat(store.events.get(0).clientIp()).isEqualTo("10.0.0.1");
        assertThat(keys.authenticate(issued.secret())).contains(stored);
        assertThat(keys.authenticate(issued.secret() + "0")).isEmpty();
        assertThat(keys.authenticate(issued.secret().replace("omsk_key_1_", "omsk_key_2_"))).isEmpty();
        assertThat(keys.authenticate("omsk_")).isEmpty();
        assertThat(keys.authenticate("not-a-key")).isEmpty();
    }

    @Test
    void aKeysRolesMustNotGrantMoreThanItsCreatorHas() {
        assertThatThrownBy(() -> keys.create(as("supervisor"), "erp", Set.of("admin"), null))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("api_key.scope_exceeds_creator");
        assertThatThrownBy(() -> keys.create(as("finance"), "erp", Set.of("finance", "fraud_analyst"), null))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("api_key.scope_exceeds_creator");
        assertThat(keys.create(as("supervisor"), "erp", Set.of("agent"), null).key().roles()).containsExactly("agent");
        assertThat(store.keys).hasSize(1);
    }

    @Test
    void customerRolesAndBadExpiriesAreRefused() {
        for (String role : List.of("customer", "guest", "picker", "no_such_role")) {
            assertThatThrownBy(() -> keys.create(as("admin"), "x", Set.of(role), null)).as(role).isInstanceOf(DomainException.class);
        }
        assertThatThrownBy(() -> keys.create(as("admin"), "x", Set.of("service"), NOW)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> keys.create(as("admin"), "x", Set.of("service"), NOW.plus(Duration.ofDays(366)))).isInstanceOf(DomainException.class);
        assertThat(keys.create(as("admin"), "x", Set.of("service"), NOW.plus(Duration.ofDays(365))).key().expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void aKeysLastUseIsRecordedAtMostOncePerQuarterOfAnHour() {
        ApiKeyService.Issued issued = keys.create(as("admin"), "x", Set.of("service"), NOW.plus(Duration.ofDays(1)));
        assertThat(store.find(issued.key().id()).orElseThrow().lastUsedAt()).isNull();
        assertThat(keys.authenticate(issued.secret())).isPresent();
        assertThat(keys.authenticate(issued.secret())).isPresent();
        assertThat(store.uses).hasSize(1);
        assertThat(store.find(issued.key().id()).orElseThrow().lastUsedAt()).isEqualTo(NOW);
        ApiKeyService later = new ApiKeyService(store, p -> p, Clock.fixed(NOW.plus(Duration.ofMinutes(16)), ZoneOffset.UTC));
        assertThat(later.authenticate(issued.secret())).isPresent();
        assertThat(store.uses).hasSize(2);
        assertThat(store.find(issued.key().id()).orElseThrow().lastUsedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(16)));
    }

    @Test
    void anExpiredOrRevokedKeyIsNotAccepted() {
        ApiKeyService.Issued issued = keys.create(as("admin"), "x", Set.of("service"), NOW.plus(Duration.ofDays(1)));
        ApiKeyService later = new ApiKeyService(store, p -> p, Clock.fixed(NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        assertThat(later.authenticate(issued.secret())).isEmpty();
        ApiKey k = issued.key();
        store.keys.put(k.id(), new ApiKey(k.id(), k.tenantId(), k.name(), k.secretHash(), k.roles(), k.createdBy(), k.createdAt(), k.expiresAt(), NOW));
        assertThat(keys.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void revokingAKeyRefusesItAtOnceRecordsTheReasonAndHappensOnce() {
        ApiKeyService.Issued issued = keys.create(as("admin"), "x", Set.of("service"), null);
        CommandContext ctx = as("admin").withReason("leaked in a log");
        ApiKey revoked = keys.revoke(ctx, issued.key().id());
        assertThat(revoked.revokedAt()).isEqualTo(NOW);
        assertThat(keys.authenticate(issued.secret())).isEmpty();
        assertThat(store.events).hasSize(2);
        assertThat(store.events.get(1).reason()).isEqualTo("leaked in a log");
        assertThatThrownBy(() -> keys.revoke(ctx, issued.key().id()))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("api_key.revoked");
    }

    @Test
    void anotherTenantsOrAnUnknownKeyIsNotFound() {
        ApiKeyService.Issued issued = keys.create(as("admin"), "x", Set.of("service"), null);
        CommandContext other = new CommandContext(new Caller("t2", "admin2", "agent", Set.of("admin"), null, null), "corr", null, "why not", null, null);
        assertThatThrownBy(() -> keys.revoke(other, issued.key().id()))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("api_key.not_found");
        assertThatThrownBy(() -> keys.revoke(as("admin"), "key_none"))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("api_key.not_found");
        assertThat(keys.authenticate(issued.secret())).isPresent();
    }
}
