package dev.oms.local.sfn.asl;

import java.util.Arrays;
import java.util.Optional;

/** Every data-test operator of a Choice rule, with the kind of value it compares and how. */
public enum ComparisonOperator {
    StringEquals(Kind.STRING, Relation.EQ, false),
    StringEqualsPath(Kind.STRING, Relation.EQ, true),
    StringLessThan(Kind.STRING, Relation.LT, false),
    StringLessThanPath(Kind.STRING, Relation.LT, true),
    StringLessThanEquals(Kind.STRING, Relation.LE, false),
    StringLessThanEqualsPath(Kind.STRING, Relation.LE, true),
    StringGreaterThan(Kind.STRING, Relation.GT, false),
    StringGreaterThanPath(Kind.STRING, Relation.GT, true),
    StringGreaterThanEquals(Kind.STRING, Relation.GE, false),
    StringGreaterThanEqualsPath(Kind.STRING, Relation.GE, true),
    StringMatches(Kind.STRING, Relation.MATCHES, false),
    NumericEquals(Kind.NUMERIC, Relation.EQ, false),
    NumericEqualsPath(Kind.NUMERIC, Relation.EQ, true),
    NumericLessThan(Kind.NUMERIC, Relation.LT, false),
    NumericLessThanPath(Kind.NUMERIC, Relation.LT, true),
    NumericLessThanEquals(Kind.NUMERIC, Relation.LE, false),
    NumericLessThanEqualsPath(Kind.NUMERIC, Relation.LE, true),
    NumericGreaterThan(Kind.NUMERIC, Relation.GT, false),
    NumericGreaterThanPath(Kind.NUMERIC, Relation.GT, true),
    NumericGreaterThanEquals(Kind.NUMERIC, Relation.GE, false),
    NumericGreaterThanEqualsPath(Kind.NUMERIC, Relation.GE, true),
    BooleanEquals(Kind.BOOLEAN, Relation.EQ, false),
    BooleanEqualsPath(Kind.BOOLEAN, Relation.EQ, true),
    TimestampEquals(Kind.TIMESTAMP, Relation.EQ, false),
    TimestampEqualsPath(Kind.TIMESTAMP, Relation.EQ, true),
    TimestampLessThan(Kind.TIMESTAMP, Relation.LT, false),
    TimestampLessThanPath(Kind.TIMESTAMP, Relation.LT, true),
    TimestampLessThanEquals(Kind.TIMESTAMP, Relation.LE, false),
    TimestampLessThanEqualsPath(Kind.TIMESTAMP, Relation.LE, true),
    TimestampGreaterThan(Kind.TIMESTAMP, Relation.GT, false),
    TimestampGreaterThanPath(Kind.TIMESTAMP, Relation.GT, true),
    TimestampGreaterThanEquals(Kind.TIMESTAMP, Relation.GE, false),
    TimestampGreaterThanEqualsPath(Kind.TIMESTAMP, Relation.GE, true),
    IsNull(Kind.TYPE_TEST, Relation.EQ, false),
    IsPresent(Kind.TYPE_TEST, Relation.EQ, false),
    IsNumeric(Kind.TYPE_TEST, Relation.EQ, false),
    IsString(Kind.TYPE_TEST, Relation.EQ, false),
    IsBoolean(Kind.TYPE_TEST, Relation.EQ, false),
    IsTimestamp(Kind.TYPE_TEST, Relation.EQ, false);

    public enum Kind { STRING, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST }

    public enum Relation {
        EQ, LT, LE, GT, GE, MATCHES;

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case MATCHES -> throw new IllegalStateException("MATCHES is not an ordering");
            };
        }
    }

    private final Kind kind;
    private final Relation relation;
    private final boolean comparesWithPath;

    ComparisonOperator(Kind kind, Relation relation, boolean comparesWithPath) {
        this.kind = kind;
        this.relation = relation;
        this.comparesWithPath = comparesWithPath;
    }

    public Kind kind() {
        return kind;
    }

    public Relation relation() {
        return relation;
    }

    /** True for the {@code ...Path} operators, whose value is a path to compare with rather than a literal. */
    public boolean comparesWithPath() {
        return comparesWithPath;
    }

    public static Optional<ComparisonOperator> named(String field) {
        return Arrays.stream(values()).filter(operator -> operator.name().equals(field)).findFirst();
    }
}
