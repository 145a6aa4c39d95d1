package io.omnigraph.cli.demo;

import java.util.ArrayList;
import java.util.List;

/** The demo loop after the layout step. Each capability issue replaces its "not available" step with the real one. */
final class DemoSteps {
    private DemoSteps() {
    }

    static List<DemoStep> after(boolean noServe, String bind) {
        List<DemoStep> steps = new ArrayList<>();
        steps.add(pending("validate", "omnigraph cluster validate --config <dir>", "cluster validate"));
        steps.add(pending("import", "omnigraph cluster import --config <dir>", "cluster import"));
        steps.add(pending("plan", "omnigraph cluster plan --config <dir>", "cluster plan"));
        steps.add(pending("apply", "omnigraph cluster apply --config <dir> --as andrew", "cluster apply"));
        steps.add(pending("load", "omnigraph load --data seed.jsonl --mode overwrite <dir>/graphs/knowledge.omni", "load"));
        steps.add(pending("queries", "run the stored queries find_person, who_works_on, project_load", "query execution"));
        steps.add(pending("branch", "agent-1 opens branch agent-1/onboarding, adds a person and an assignment", "branches and mutations"));
        steps.add(pending("merge", "ruth reviews the diff and merges agent-1/onboarding into main", "branch merge"));
        if (!noServe) {
            steps.add(new DemoStep("serve", "omnigraph-server --cluster <dir> --bind " + bind, run -> DemoServe.serve(run, bind)));
        }
        return steps;
    }

    private static DemoStep pending(String id, String title, String capability) {
        return new DemoStep(id, title, run -> StepOutcome.notAvailable(capability + " is not built yet"));
    }
}
