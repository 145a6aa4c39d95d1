package io.omnigraph.cluster.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.config.Addresses;
import io.omnigraph.cluster.json.CanonicalJson;

import java.util.Optional;

/**
 * One planned change. Disposition, reason and migration are filled in by classification and preview; the rest is
 * fixed by the diff.
 */
public final class Change {
    private final String resource;
    private final Op op;
    private final Optional<String> before;
    private final Optional<String> after;
    private final Optional<String> metadataChange;
    private Disposition disposition;
    private Optional<String> reason = Optional.empty();
    private Optional<ObjectNode> migration = Optional.empty();

    public Change(String resource, Op op, Optional<String> before, Optional<String> after, Optional<String> metadataChange) {
        this.resource = resource;
        this.op = op;
        this.before = before;
        this.after = after;
        this.metadataChange = metadataChange;
    }

    public String resource() {
        return resource;
    }

    public Op op() {
        return op;
    }

    public Optional<String> before() {
        return before;
    }

    public Optional<String> after() {
        return after;
    }

    public boolean bindingChange() {
        return metadataChange.filter("policy_bindings"::equals).isPresent();
    }

    public Optional<String> metadataChange() {
        return metadataChange;
    }

    public Optional<Disposition> disposition() {
        return Optional.ofNullable(disposition);
    }

    public Optional<String> reason() {
        return reason;
    }

    public Optional<ObjectNode> migration() {
        return migration;
    }

    public void classify(Disposition d, String why) {
        disposition = d;
        reason = Optional.ofNullable(why);
    }

    public void setMigration(ObjectNode m) {
        migration = Optional.of(m);
    }

    public Optional<String> graph() {
        return Addresses.graphOf(resource);
    }

    public boolean is(String prefix, Op o) {
        return resource.startsWith(prefix) && op == o;
    }

    public ObjectNode toJson() {
        ObjectNode o = CanonicalJson.object();
        o.put("resource", resource);
        o.put("operation", op.wire());
        before.ifPresent(b -> o.put("before_digest", b));
        after.ifPresent(a -> o.put("after_digest", a));
        if (disposition != null) {
            o.put("disposition", disposition.wire());
        }
        reason.ifPresent(r -> o.put("reason", r));
        if (bindingChange()) {
            o.put("binding_change", true);
        }
        metadataChange.ifPresent(m -> o.put("metadata_change", m));
        migration.ifPresent(m -> o.set("migration", m));
        return o;
    }
}
