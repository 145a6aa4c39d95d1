package io.omnigraph.policy.cedar;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.DetailedError;
import com.cedarpolicy.model.ValidationRequest;
import com.cedarpolicy.model.ValidationResponse;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import io.omnigraph.policy.Action;
import io.omnigraph.policy.AuthzRequest;
import io.omnigraph.policy.Decision;
import io.omnigraph.policy.DecisionBasis;
import io.omnigraph.policy.PolicyErrorCode;
import io.omnigraph.policy.PolicyEvaluationException;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.bundle.BundleKind;
import io.omnigraph.policy.bundle.PolicyBundle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A bundle compiled for one resource and ready to answer authorization requests with cedar-java's
 * {@link BasicAuthorizationEngine} (spec §5.3). Immutable and thread-safe.
 *
 * <p>At construction the compiled policies are validated in strict mode against {@link CedarSchema}; a failure is a
 * compiler defect and throws {@link PolicyEvaluationException} ({@code policy_cedar_validation_failed}). The policy
 * set is cached on the native side ({@link PolicySet#cache()}), and per-actor entity slices are precomputed, so a
 * decision only ships the principal's own entities across JNI.
 *
 * <p>Evaluation: an actor in no group ⇒ deny ({@code policy denied action 'X' for unknown actor 'Y'}) without calling
 * Cedar. Otherwise Cedar decides (default deny; any permit allows); the matched rule is the lexicographically
 * smallest rule id among the determining policies.
 */
public final class PolicyEngine {
    private static final BasicAuthorizationEngine CEDAR = new BasicAuthorizationEngine();

    private final PolicyBundle bundle;
    private final PolicyResource resource;
    private final CompiledPolicySet compiled;
    private final PolicySet policySet;
    private final Map<String, Entities> entitiesByActor;
    private final EntityUID resourceUid;
    private final EntityUID serverUid;

    private PolicyEngine(PolicyBundle bundle, PolicyResource resource) {
        this.bundle = bundle;
        this.resource = resource;
        this.compiled = PolicyCompiler.compile(bundle, resource);
        this.policySet = toPolicySet(compiled);
        validate(policySet, bundle);
        try {
            policySet.cache();
        } catch (CacheException e) {
            throw new PolicyEvaluationException(PolicyErrorCode.CEDAR_EVALUATION_FAILED,
                    "policy: could not cache the policy set of bundle '" + bundle.name() + "': " + e.getMessage(), e);
        }
        this.resourceUid = entityUid(resource.kind() == BundleKind.GRAPH ? "Graph" : "Server", resource.id());
        this.serverUid = entityUid("Server", PolicyResource.SERVER_ID);
        this.entitiesByActor = sliceEntities(bundle, resource);
    }

    /**
     * Compiles a graph bundle for graph {@code graphId}.
     *
     * @throws PolicyValidationException when the bundle allows {@code graph_list} (kind alignment)
     */
    public static PolicyEngine forGraph(PolicyBundle bundle, String graphId) throws PolicyValidationException {
        bundle.checkKind(BundleKind.GRAPH);
        return new PolicyEngine(bundle, PolicyResource.graph(graphId));
    }

    /**
     * Compiles a server ({@code cluster}-bound) bundle.
     *
     * @throws PolicyValidationException when the bundle allows any per-graph action (kind alignment)
     */
    public static PolicyEngine forServer(PolicyBundle bundle) throws PolicyValidationException {
        bundle.checkKind(BundleKind.SERVER);
        return new PolicyEngine(bundle, PolicyResource.server());
    }

    public PolicyBundle bundle() {
        return bundle;
    }

    public PolicyResource resource() {
        return resource;
    }

    public CompiledPolicySet compiled() {
        return compiled;
    }

    /** The canonical digest of the compiled policy set ({@link CompiledPolicySet#digest()}). */
    public String digest() {
        return compiled.digest();
    }

    /**
     * Decides one request.
     *
     * @throws PolicyEvaluationException when Cedar reports an error (callers fail closed; the server answers 500)
     */
    public Decision authorize(AuthzRequest req) {
        Entities entities = entitiesByActor.get(req.actor());
        if (entities == null) {
            return new Decision(false, Optional.empty(), "policy denied action '" + req.action().wireName()
                    + "' for unknown actor '" + req.actor() + "'", DecisionBasis.UNKNOWN_ACTOR);
        }
        EntityUID principal = entityUid("Actor", req.actor());
        EntityUID action = entityUid("Action", req.action().wireName());
        EntityUID res = req.action().serverScoped() ? serverUid : resourceUid;
        AuthorizationResponse response;
        try {
            response = CEDAR.isAuthorized(new AuthorizationRequest(principal, action, res, context(req)), policySet,
                    entities);
        } catch (AuthException | RuntimeException e) {
            throw new PolicyEvaluationException(PolicyErrorCode.CEDAR_EVALUATION_FAILED,
                    "policy: Cedar evaluation failed: " + e.getMessage(), e);
        }
        if (response.type != AuthorizationResponse.SuccessOrFailure.Success || response.success.isEmpty()) {
            throw new PolicyEvaluationException(PolicyErrorCode.CEDAR_EVALUATION_FAILED,
                    "policy: Cedar evaluation failed: " + response.errors.map(PolicyEngine::render).orElse("no detail"));
        }
        AuthorizationSuccessResponse success = response.success.get();
        if (!success.getErrors().isEmpty()) {
            throw new PolicyEvaluationException(PolicyErrorCode.CEDAR_EVALUATION_FAILED,
                    "policy: Cedar evaluation error: " + success.getErrors());
        }
        if (success.isAllowed()) {
            Optional<String> rule = success.getReason().stream().map(PolicyCompiler::ruleIdOf).sorted().findFirst();
            return new Decision(true, rule, "policy allowed action '" + req.action().wireName() + "' for actor '"
                    + req.actor() + "'");
        }
        return new Decision(false, Optional.empty(), denyMessage(req));
    }

    /** {@code policy denied action 'A'[ on branch 'b'][ targeting branch 't'][ (query 'q')] for actor 'X'}. */
    static String denyMessage(AuthzRequest req) {
        StringBuilder sb = new StringBuilder("policy denied action '").append(req.action().wireName()).append('\'');
        req.branch().ifPresent(b -> sb.append(" on branch '").append(b).append('\''));
        req.targetBranch().ifPresent(t -> sb.append(" targeting branch '").append(t).append('\''));
        req.query().ifPresent(q -> sb.append(" (query '").append(q).append("')"));
        return sb.append(" for actor '").append(req.actor()).append('\'').toString();
    }

    private Map<String, Value> context(AuthzRequest req) {
        Map<String, Value> c = new HashMap<>(16);
        c.put("has_branch", new PrimBool(req.branch().isPresent()));
        c.put("branch", new PrimString(req.branch().orElse("")));
        c.put("has_target_branch", new PrimBool(req.targetBranch().isPresent()));
        c.put("target_branch", new PrimString(req.targetBranch().orElse("")));
        c.put("branch_is_protected", new PrimBool(req.branch().map(bundle::isProtected).orElse(false)));
        c.put("target_branch_is_protected", new PrimBool(req.targetBranch().map(bundle::isProtected).orElse(false)));
        c.put("has_query", new PrimBool(req.query().isPresent()));
        c.put("query", new PrimString(req.query().orElse("")));
        return c;
    }

    private static PolicySet toPolicySet(CompiledPolicySet compiled) {
        Set<Policy> policies = new LinkedHashSet<>();
        compiled.policies().forEach((id, text) -> policies.add(new Policy(text, id)));
        return new PolicySet(policies);
    }

    static void validate(PolicySet set, PolicyBundle bundle) {
        ValidationResponse v;
        try {
            v = CEDAR.validate(new ValidationRequest(CedarSchema.schema(), set));
        } catch (AuthException | RuntimeException e) {
            throw new PolicyEvaluationException(PolicyErrorCode.CEDAR_VALIDATION_FAILED,
                    "policy: Cedar rejected the policies compiled from bundle '" + bundle.name() + "': "
                            + e.getMessage(), e);
        }
        if (!v.validationPassed()) {
            String detail = v.errors.map(PolicyEngine::render).orElse("")
                    + v.success.map(s -> " " + s.validationErrors).orElse("");
            throw new PolicyEvaluationException(PolicyErrorCode.CEDAR_VALIDATION_FAILED,
                    "policy: compiled policies of bundle '" + bundle.name() + "' fail strict validation against "
                            + "the Cedar schema (a compiler defect): " + detail.trim());
        }
    }

    private static Map<String, Entities> sliceEntities(PolicyBundle bundle, PolicyResource resource) {
        Set<Entity> shared = new HashSet<>();
        if (resource.kind() == BundleKind.GRAPH) {
            shared.add(new Entity(entityUid("Graph", resource.id())));
        }
        shared.add(new Entity(entityUid("Server", PolicyResource.SERVER_ID)));
        Map<String, Entities> out = new HashMap<>();
        for (String actor : bundle.actors()) {
            Set<EntityUID> parents = bundle.groupsOf(actor).stream().map(g -> entityUid("Group", g))
                    .collect(Collectors.toSet());
            Set<Entity> slice = new HashSet<>(shared);
            slice.add(new Entity(entityUid("Actor", actor), parents));
            parents.forEach(p -> slice.add(new Entity(p)));
            out.put(actor, new Entities(slice));
        }
        return Map.copyOf(out);
    }

    private static final Map<String, EntityTypeName> TYPES = Map.of(
            "Actor", type("Actor"), "Group", type("Group"), "Graph", type("Graph"), "Server", type("Server"),
            "Action", type("Action"));

    private static EntityTypeName type(String name) {
        return EntityTypeName.parse(CedarSchema.NAMESPACE + "::" + name)
                .orElseThrow(() -> new IllegalStateException("bad Cedar type name " + name));
    }

    private static EntityUID entityUid(String type, String id) {
        return TYPES.get(type).of(id);
    }

    private static String render(List<DetailedError> errors) {
        return errors.stream().map(e -> e.message).collect(Collectors.joining("; "));
    }
}
