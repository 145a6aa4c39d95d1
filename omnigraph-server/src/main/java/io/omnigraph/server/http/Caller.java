package io.omnigraph.server.http;

import io.omnigraph.server.admission.AdmissionControl;

import java.util.Optional;

/** The authenticated caller of one request: the actor from the bearer token, or none in Open mode. */
record Caller(Optional<String> actor) {
    static final String ATTRIBUTE = "omnigraph.caller";
    static final Caller ANONYMOUS = new Caller(Optional.empty());

    /** The admission key: the actor id, or {@code anonymous}. */
    String admissionKey() {
        return actor.orElse(AdmissionControl.ANONYMOUS);
    }
}
