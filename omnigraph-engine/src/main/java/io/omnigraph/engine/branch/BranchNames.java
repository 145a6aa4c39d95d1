package io.omnigraph.engine.branch;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;

import java.util.regex.Pattern;

/**
 * Branch name rules, checked before any store request. A name is 1–200 characters of '/'-separated segments; each
 * segment is non-empty, is not '.' or '..', does not start with '.', and uses letters, digits, '_', '-', '.'. Names
 * starting with {@code __} are internal and rejected by public APIs. {@code main} always exists and can be neither
 * created nor deleted.
 */
public final class BranchNames {
    public static final String MAIN = "main";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*");

    private BranchNames() {
    }

    /** Throws {@link EngineException.Invalid} (invalid_branch_name) unless {@code name} is a valid public name. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw invalid(String.valueOf(name), "branch name is empty");
        }
        if (name.length() > 200) {
            throw invalid(name, "branch name is longer than 200 characters");
        }
        if (name.startsWith("__")) {
            throw invalid(name, "names starting with '__' are reserved for internal branches");
        }
        for (String seg : name.split("/", -1)) {
            if (seg.isEmpty()) {
                throw invalid(name, "branch name has an empty segment (leading, trailing or double '/')");
            }
            if (seg.equals(".") || seg.equals("..")) {
                throw invalid(name, "branch name has a '.' or '..' segment");
            }
            if (!SEGMENT.matcher(seg).matches()) {
                throw invalid(name, "use letters, digits, '_', '-', '.' and '/' only, and do not start a segment with '.'");
            }
        }
        return name;
    }

    /** {@link #check} plus: refuses {@code main} (branch_reserved), for create and delete. */
    /** True when {@link #check} would accept the name. */
    public static boolean isValid(String name) {
        try {
            check(name);
            return true;
        } catch (io.omnigraph.engine.error.EngineException e) {
            return false;
        }
    }

    public static String checkMutable(String name, String action) {
        check(name);
        if (name.equals(MAIN)) {
            throw new EngineException.Invalid(EngineErrorCode.BRANCH_RESERVED, name, "branch 'main' cannot be " + action);
        }
        return name;
    }

    private static EngineException invalid(String name, String why) {
        return new EngineException.Invalid(EngineErrorCode.INVALID_BRANCH_NAME, name, "invalid branch name '" + name + "': " + why);
    }
}
