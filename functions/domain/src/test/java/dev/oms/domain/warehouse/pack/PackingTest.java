package dev.oms.domain.warehouse.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.StockLot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackingTest {
    static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    static final Packing.Picked PICKED = new Packing.Picked(Map.of("l1", 3L, "l2", 1L), Map.of("l1", "SKU-A", "l2", "SKU-B"));

    static FulfilmentPacking empty() { return FulfilmentPacking.empty("ful_1", "ord_1", "wh_1", NOW); }

    static Packing.Draft draft(String line, long qty, Integer weight, String... serials) {
        return new Packing.Draft(List.of(new PackedPackage.Item(line, null, qty, List.of(serials))), weight, null);
    }

    static String code(Runnable r) {
        try {
            r.run();
        } catch (DomainException e) {
            return e.code();
        }
        return null;
    }

    @Test
    void neverMoreUnitsInPackagesThanPicked() {
        FulfilmentPacking p = Packing.pack(empty(), PICKED, List.of(draft("l1", 2, 500)), List.of("pkg_1"), "st", "ses", "u", NOW);
        assertThat(p.packed("l1")).isEqualTo(2);
        assertThat(p.version()).isEqualTo(1);
        assertThat(code(() -> Packing.pack(p, PICKED, List.of(draft("l1", 2, null)), List.of("pkg_2"), "st", "ses", "u", NOW)))
                .isEqualTo("pack.quantity_exceeds_picked");
        // two packages of one request count together
        assertThat(code(() -> Packing.pack(empty(), PICKED, List.of(draft("l2", 1, null), draft("l2", 1, null)), List.of("a", "b"), "st", "ses", "u", NOW)))
                .isEqualTo("pack.quantity_exceeds_picked");
        assertThat(code(() -> Packing.pack(p, PICKED, List.of(draft("l9", 1, null)), List.of("pkg_2"), "st", "ses", "u", NOW)))
                .isEqualTo("pack.line_not_in_fulfillment");
    }

    @Test
    void aPackageIsSealedOnceWithAWeightAndTheFulfilmentIsDoneWhenEveryPickedUnitIsSealed() {
        FulfilmentPacking p = Packing.pack(empty(), PICKED, List.of(draft("l1", 3, null), draft("l2", 1, 100)), List.of("pkg_1", "pkg_2"), "st", "ses", "u", NOW);
        assertThat(code(() -> Packing.seal(p, "pkg_1", "st", null, null, NOW))).isEqualTo("request.invalid");
        assertThat(code(() -> Packing.seal(p, "pkg_1", "other", 10, null, NOW))).isEqualTo("package.other_station");
        FulfilmentPacking one = Packing.seal(p, "pkg_1", "st", 900, new PackedPackage.Dimensions(300, 200, 100), NOW);
        assertThat(one.pkg("pkg_1").sealed()).isTrue();
        assertThat(Packing.everythingSealed(one, PICKED)).isFalse();
        assertThat(code(() -> Packing.seal(one, "pkg_1", "st", 900, null, NOW))).isEqualTo("package.already_sealed");
        FulfilmentPacking both = Packing.seal(one, "pkg_2", "st", null, null, NOW);
        assertThat(both.pkg("pkg_2").weightGrams()).isEqualTo(100);
        assertThat(Packing.everythingSealed(both, PICKED)).isTrue();
        assertThat(Packing.everythingSealed(both, new Packing.Picked(Map.of("l1", 0L), Map.of("l1", "SKU-A")))).isFalse();
    }

    @Test
    void serialsAreOnePerPickedUnitAssignedBeforePackingAndPackedOnce() {
        FulfilmentPacking s = Packing.assignSerials(empty(), PICKED, "l1", List.of("SN-1", "SN-2"), "u", NOW);
        assertThat(code(() -> Packing.assignSerials(s, PICKED, "l1", List.of("SN-3", "SN-4"), "u", NOW))).isEqualTo("serial.exceeds_picked");
        assertThat(code(() -> Packing.assignSerials(s, PICKED, "l1", List.of("SN-1"), "u", NOW))).isEqualTo("serial.already_assigned");
        assertThat(code(() -> Packing.assignSerials(s, PICKED, "l1", List.of("SN-5", "SN-5"), "u", NOW))).isEqualTo("request.invalid");
        assertThat(code(() -> Packing.pack(s, PICKED, List.of(draft("l1", 1, null, "SN-9")), List.of("p"), "st", "ses", "u", NOW))).isEqualTo("pack.serial_not_assigned");
        assertThat(code(() -> Packing.pack(s, PICKED, List.of(draft("l1", 1, null, "SN-1", "SN-2")), List.of("p"), "st", "ses", "u", NOW))).isEqualTo("pack.too_many_serials");
        FulfilmentPacking packed = Packing.pack(s, PICKED, List.of(draft("l1", 1, null, "SN-1")), List.of("p"), "st", "ses", "u", NOW);
        assertThat(packed.packageOfSerial("SKU-A", "SN-1").id()).isEqualTo("p");
        assertThat(code(() -> Packing.pack(packed, PICKED, List.of(draft("l1", 1, null, "SN-1")), List.of("q"), "st", "ses", "u", NOW))).isEqualTo("pack.serial_already_packed");
    }

    @Test
    void aLotIsConsumedFreshWithinWhatItHasAndWhatTheLineNeeds() {
        LocalDate ship = LocalDate.parse("2030-03-01");
        StockLot fresh = new StockLot("wh_1", "A-1", "SKU-A", "L1", ship.plusDays(30), null, 5);
        StockLot shortDated = new StockLot("wh_1", "A-2", "SKU-A", "L0", ship.plusDays(3), null, 5);
        assertThat(code(() -> Packing.consumeLot(empty(), "c1", "l1", "SKU-A", 4, null, "A-9", "L1", 1, ship, 0, "u", NOW))).isEqualTo("lot.not_found");
        assertThat(code(() -> Packing.consumeLot(empty(), "c1", "l1", "SKU-A", 4, shortDated, "A-2", "L0", 1, ship, 7, "u", NOW))).isEqualTo("lot.short_dated");
        assertThat(Packing.consumeLot(empty(), "c1", "l1", "SKU-A", 4, shortDated, "A-2", "L0", 1, ship, 3, "u", NOW).consumed("l1")).isEqualTo(1);
        assertThat(code(() -> Packing.consumeLot(empty(), "c1", "l1", "SKU-A", 9, fresh, "A-1", "L1", 6, ship, 7, "u", NOW))).isEqualTo("lot.insufficient_quantity");
        FulfilmentPacking c = Packing.consumeLot(empty(), "c1", "l1", "SKU-A", 4, fresh, "A-1", "L1", 3, ship, 7, "u", NOW);
        assertThat(c.lots().get(0).expiry()).isEqualTo(ship.plusDays(30));
        assertThat(code(() -> Packing.consumeLot(c, "c2", "l1", "SKU-A", 4, fresh, "A-1", "L1", 2, ship, 7, "u", NOW))).isEqualTo("lot.exceeds_line");
    }

    @Test
    void oneSessionPerStationHeldByWhoOpenedItUntilItsShiftEnds() {
        PackStation st = new PackStation("wks_1", "wh_1", null, 0, NOW);
        PackStation open = st.open("s1", "alice", null, null, false, NOW);
        assertThat(open.open("s2", "alice", null, null, false, NOW)).isSameAs(open);
        assertThat(code(() -> open.open("s2", "bob", null, null, false, NOW))).isEqualTo("pack_station.session_open");
        assertThat(code(() -> open.use("bob", NOW))).isEqualTo("pack_station.session_of_another");
        assertThat(open.use("alice", NOW).id()).isEqualTo("s1");
        assertThat(open.open("s3", "sue", null, null, true, NOW).session().holder()).isEqualTo("sue");
        Instant later = NOW.plus(PackStation.SHIFT).plusSeconds(1);
        assertThat(code(() -> open.use("alice", later))).isEqualTo("pack_station.no_session");
        assertThat(open.open("s4", "bob", null, null, false, later).session().holder()).isEqualTo("bob");
    }
}
