package dev.oms.app.warehouseops;

import dev.oms.app.port.RecordedEvent;
import dev.oms.app.CommandContext;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.WarehouseOpsStore;
import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.warehouse.PackagingAdvisor;
import dev.oms.domain.warehouse.ops.PackagingProfile;
import dev.oms.domain.warehouse.ops.WarehouseOpsEventTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's packaging profiles (boxes): list, add, change (guarded by version), and the recommendation of
 * {@link PackagingAdvisor} over the profiles a warehouse may use.
 */
public final class PackagingProfileService {
    static final int MAX_ATTEMPTS = 12;

    private final WarehouseOpsStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public PackagingProfileService(WarehouseOpsStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** What a create sets (every field) or a change sets (null: unchanged; {@code clearWarehouse}: every warehouse). */
    public record ProfileChange(String name, String warehouseId, boolean clearWarehouse, Integer lengthMm, Integer widthMm,
                                Integer heightMm, Long maxWeightGrams, Boolean active) { }

    public List<PackagingProfile> list(CommandContext ctx, String warehouseId) {
        List<PackagingProfile> out = new ArrayList<>();
        for (PackagingProfile p : store.packagingProfiles(ctx.tenantId())) {
            if (warehouseId == null || p.warehouseId() == null || p.warehouseId().equals(warehouseId)) out.add(p);
        }
        out.sort(Comparator.comparing(PackagingProfile::id));
        return out;
    }

    public PackagingProfile get(CommandContext ctx, String profileId) {
        return store.packagingProfile(ctx.tenantId(), profileId).orElseThrow(() ->
                DomainException.notFound("packaging_profile.not_found", "No packaging profile " + profileId));
    }

    public PackagingProfile create(CommandContext ctx, ProfileChange c) {
        if (store.packagingProfiles(ctx.tenantId()).size() >= PackagingProfile.MAX_PROFILES) {
            throw DomainException.conflict("packaging_profile.too_many", "A tenant has at most " + PackagingProfile.MAX_PROFILES
                    + " packaging profiles", "Deactivate and change an existing profile.");
        }
        Instant now = clock.instant();
        PackagingProfile p = new PackagingProfile(ids.next("pkp"), c.name(), c.warehouseId(), c.lengthMm(), c.widthMm(), c.heightMm(),
                c.maxWeightGrams(), c.active() == null || c.active(), 1, now, now, ctx.caller().subject());
        check(p);
        store.savePackagingProfile(ctx.tenantId(), p, 0, event(ctx, now, WarehouseOpsEventTypes.PACKAGING_PROFILE_CREATED, p, List.of()),
                ctx.journal().recordFor(p));
        ctx.journal().written();
        return p;
    }

    /** Without an expected version, a change that loses a race to another is re-read and applied on top. */
    public PackagingProfile update(CommandContext ctx, String profileId, ProfileChange c) {
        for (int attempt = 1; ; attempt++) {
            try {
                return updateOnce(ctx, profileId, c);
            } catch (ConcurrentUpdateException e) {
                if (ctx.expectedVersion() != null || attempt >= MAX_ATTEMPTS) throw conflict(e.currentVersion());
            }
        }
    }

    private PackagingProfile updateOnce(CommandContext ctx, String profileId, ProfileChange c) {
        PackagingProfile current = get(ctx, profileId);
        if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) throw conflict(current.version());
        Instant now = clock.instant();
        PackagingProfile next = new PackagingProfile(current.id(), c.name() == null ? current.name() : c.name(),
                c.clearWarehouse() ? null : c.warehouseId() == null ? current.warehouseId() : c.warehouseId(),
                c.lengthMm() == null ? current.lengthMm() : c.lengthMm(), c.widthMm() == null ? current.widthMm() : c.widthMm(),
                c.heightMm() == null ? current.heightMm() : c.heightMm(),
                c.maxWeightGrams() == null ? current.maxWeightGrams() : c.maxWeightGrams(),
                c.active() == null ? current.active() : c.active(), current.version() + 1, current.createdAt(), now, ctx.caller().subject());
        check(next);
        store.savePackagingProfile(ctx.tenantId(), next, current.version(),
                event(ctx, now, WarehouseOpsEventTypes.PACKAGING_PROFILE_UPDATED, next, changedFields(current, next)), ctx.journal().recordFor(next));
        ctx.journal().written();
        return next;
    }

    /** The boxes for these units, from the active profiles the warehouse may use (smallest that fits first). */
    public PackagingAdvisor.Recommendation recommend(CommandContext ctx, String warehouseId, List<PackagingAdvisor.Item> items) {
        List<PackagingAdvisor.Profile> usable = new ArrayList<>();
        for (PackagingProfile p : store.packagingProfiles(ctx.tenantId())) if (p.usableAt(warehouseId)) usable.add(p.advisorProfile());
        return PackagingAdvisor.recommend(items, usable);
    }

    static void check(PackagingProfile p) {
        List<FieldError> errors = new ArrayList<>();
        dimension(errors, "length_mm", p.lengthMm());
        dimension(errors, "width_mm", p.widthMm());
        dimension(errors, "height_mm", p.heightMm());
        if (p.maxWeightGrams() < 1 || p.maxWeightGrams() > PackagingProfile.MAX_WEIGHT_GRAMS) {
            errors.add(new FieldError("max_weight_grams", "field.out_of_range", "max_weight_grams is 1 to " + PackagingProfile.MAX_WEIGHT_GRAMS));
        }
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
    }

    private static void dimension(List<FieldError> errors, String field, int mm) {
        if (mm < 1 || mm > PackagingProfile.MAX_DIMENSION_MM) errors.add(new FieldError(field, "field.out_of_range", field + " is 1 to " + PackagingProfile.MAX_DIMENSION_MM));
    }

    private static List<String> changedFields(PackagingProfile a, PackagingProfile b) {
        List<String> out = new ArrayList<>();
        if (!a.name().equals(b.name())) out.add("name");
        if (!java.util.Objects.equals(a.warehouseId(), b.warehouseId())) out.add("warehouse_id");
        if (a.lengthMm() != b.lengthMm()) out.add("length_mm");
        if (a.widthMm() != b.widthMm()) out.add("width_mm");
        if (a.heightMm() != b.heightMm()) out.add("height_mm");
        if (a.maxWeightGrams() != b.maxWeightGrams()) out.add("max_weight_grams");
        if (a.active() != b.active()) out.add("active");
        return out;
    }

    private RecordedEvent event(CommandContext ctx, Instant now, String type, PackagingProfile p, List<String> changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("packaging_profile_id", p.id());
        data.put("warehouse_id", p.warehouseId());
        data.put("length_mm", (long) p.lengthMm());
        data.put("width_mm", (long) p.widthMm());
        data.put("height_mm", (long) p.heightMm());
        data.put("max_weight_grams", p.maxWeightGrams());
        data.put("active", p.active());
        if (type.equals(WarehouseOpsEventTypes.PACKAGING_PROFILE_UPDATED)) data.put("changed", changed);
        return OpsEvents.of(ctx, ids, now, type, data);
    }

    private static DomainException conflict(long current) {
        return DomainException.conflict("packaging_profile.version_conflict", "The packaging profile has changed since you read it (it is now at version "
                + current + ")", "GET the profiles, re-apply your change and send it with the new version.").with("current_version", current);
    }
}
