package dev.oms.domain.money;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Splits an amount into parts proportional to weights so that the parts always sum to the whole. */
public final class Allocation {
    private Allocation() { }

    /**
     * Largest remainder method: each part gets floor(total * weight / sum); the units left over go one by one
     * to the parts with the largest remainders (ties to the earlier part). Zero total weight splits evenly.
     */
    public static long[] largestRemainder(long total, long[] weights) {
        int n = weights.length;
        if (n == 0) return new long[0];
        long[] w = weights.clone();
        for (long x : w) if (x < 0) throw new IllegalArgumentException("weights must not be negative");
        long sum = Arrays.stream(w).reduce(0L, Math::addExact);
        if (sum == 0) {
            Arrays.fill(w, 1);
            sum = n;
        }
        long sign = total < 0 ? -1 : 1;
        long abs = Math.abs(total);
        long[] parts = new long[n];
        java.math.BigInteger[] remainders = new java.math.BigInteger[n];
        java.math.BigInteger bigSum = java.math.BigInteger.valueOf(sum);
        long allocated = 0;
        for (int i = 0; i < n; i++) {
            java.math.BigInteger[] qr = java.math.BigInteger.valueOf(abs).multiply(java.math.BigInteger.valueOf(w[i])).divideAndRemainder(bigSum);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            allocated += parts[i];
        }
        long left = abs - allocated;
        Integer[] order = IntStream.range(0, n).boxed().sorted(
                Comparator.<Integer, java.math.BigInteger>comparing(i -> remainders[i]).reversed().thenComparing(i -> i))
                .toArray(Integer[]::new);
        for (int k = 0; k < left; k++) parts[order[k]]++;
        for (int i = 0; i < n; i++) parts[i] *= sign;
        return parts;
    }

    /**
     * The parts moved so that each is at least its floor, the sum unchanged: the units a part lacks are taken from the
     * parts with the most above their own floors (ties to the earlier part). Used where a rounded split must stay
     * above what is already settled against it; a floor the others cannot pay for is met as far as they can.
     */
    public static long[] raiseToFloors(long[] parts, long[] floors) {
        if (parts.length != floors.length) throw new IllegalArgumentException("one floor per part");
        long[] out = parts.clone();
        for (int i = 0; i < out.length; i++) {
            long lacking = floors[i] - out[i];
            while (lacking > 0) {
                int donor = -1;
                for (int j = 0; j < out.length; j++) {
                    if (j != i && out[j] - floors[j] > 0 && (donor < 0 || out[j] - floors[j] > out[donor] - floors[donor])) donor = j;
                }
                if (donor < 0) break;
                long moved = Math.min(lacking, out[donor] - floors[donor]);
                out[donor] -= moved;
                out[i] += moved;
                lacking -= moved;
            }
        }
        return out;
    }

    /** numerator / denominator rounded half to even (banker's rounding), for non-negative inputs. */
    public static long divideHalfEven(long numerator, long denominator) {
        if (denominator <= 0 || numerator < 0) throw new IllegalArgumentException("non-negative numerator and positive denominator required");
        long q = numerator / denominator;
        long r = numerator % denominator;
        long twice = r * 2;
        if (twice > denominator || (twice == denominator && (q & 1) == 1)) q++;
        return q;
    }
}
