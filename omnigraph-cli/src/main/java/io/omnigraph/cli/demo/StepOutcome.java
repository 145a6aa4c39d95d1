package io.omnigraph.cli.demo;

/** What a demo step did. */
public sealed interface StepOutcome {
    String detail();

    record Done(String detail) implements StepOutcome {
    }

    /** The capability this step needs is not built yet: the demo says so instead of pretending. */
    record NotAvailable(String detail) implements StepOutcome {
    }

    static StepOutcome done(String detail) {
        return new Done(detail);
    }

    static StepOutcome notAvailable(String detail) {
        return new NotAvailable(detail);
    }
}
