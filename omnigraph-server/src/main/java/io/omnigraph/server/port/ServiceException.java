package io.omnigraph.server.port;

import java.util.Objects;

/** The one exception a port method throws for an expected failure; carries a typed {@link Failure}. */
public final class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    public ServiceException(Failure failure) {
        super(Objects.requireNonNull(failure, "failure").message(), null, false, false);
        this.failure = failure;
    }

    public ServiceException(Failure failure, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").message(), cause, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    public static ServiceException badRequest(String message) {
        return new ServiceException(new Failure.BadRequest(message));
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(new Failure.NotFound(message));
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(new Failure.Conflict(message));
    }

    public static ServiceException internal(String message) {
        return new ServiceException(new Failure.Internal(message));
    }
}
