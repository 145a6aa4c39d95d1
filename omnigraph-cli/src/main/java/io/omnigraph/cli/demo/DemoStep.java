package io.omnigraph.cli.demo;

/** A named step of the demo loop. */
public record DemoStep(String id, String title, Action action) {
    @FunctionalInterface
    public interface Action {
        StepOutcome run(DemoRun run) throws Exception;
    }
}
