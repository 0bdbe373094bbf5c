package dev.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oms.domain.DomainException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the rule a {@link DomainException} names. */
public final class DomainAssertions {
    private DomainAssertions() { }

    /** Runs the call, asserts it threw a DomainException with this code, and returns it for more checks. */
    public static DomainException failsWith(ThrowingCallable call, String code) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("expected DomainException %s", code).isInstanceOf(DomainException.class);
        DomainException e = (DomainException) t;
        assertThat(e.code()).isEqualTo(code);
        return e;
    }

    /** A validation failure ({@code request.invalid}) whose single field error has this code. */
    public static DomainException.FieldError failsWithFieldError(ThrowingCallable call, String fieldCode) {
        DomainException e = failsWith(call, "request.invalid");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.fieldErrors()).hasSize(1);
        DomainException.FieldError fe = e.fieldErrors().get(0);
        assertThat(fe.code()).isEqualTo(fieldCode);
        return fe;
    }
}
