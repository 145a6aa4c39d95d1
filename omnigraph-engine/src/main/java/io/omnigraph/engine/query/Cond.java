package io.omnigraph.engine.query;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.query.ir.CompareOp;
import io.omnigraph.engine.index.Probe;
import io.omnigraph.engine.table.Column;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled match condition (filter, binding property match or search predicate) over at most two variables:
 * {@link #test} gets the table row of the left operand's variable and of the right operand's variable (0 for a
 * constant side). Comparisons involving NULL are false.
 */
final class Cond {
    /** A test over the rows of the two operand variables. */
    @FunctionalInterface
    interface Test {
        boolean test(int leftRow, int rightRow);
    }

    /** A test over the rows of one table. */
    @FunctionalInterface
    interface RowTest {
        boolean test(int row);
    }

    /** How a column is declared: decides whether AUTO mode indexes it. */
    enum Declared { ID, KEY, UNIQUE, INDEX, NONE }

    /**
     * A single-variable condition {@code column op constant} that an index can answer.
     *
     * @param columnKey {@code id} or {@code p<propertyId>} (index cache key)
     * @param op        with the variable on the left ({@code 3 < $p.age} becomes {@code $p.age > 3})
     * @param probe     the constant (never NULL)
     */
    record IndexHint(String var, EntityType type, String columnKey, Column column, CompareOp op, Probe probe,
                     Declared declared, boolean stringKey) {
    }

    final String leftVar;
    final String rightVar;
    final Test test;
    final String text;
    final Optional<IndexHint> hint;

    Cond(String leftVar, String rightVar, Test test, String text, Optional<IndexHint> hint) {
        this.leftVar = leftVar;
        this.rightVar = rightVar;
        this.test = test;
        this.text = text;
        this.hint = hint;
    }

    Set<String> vars() {
        Set<String> s = new LinkedHashSet<>();
        if (leftVar != null) {
            s.add(leftVar);
        }
        if (rightVar != null) {
            s.add(rightVar);
        }
        return s;
    }

    boolean constant() {
        return leftVar == null && rightVar == null;
    }

    /** The single variable of a one-variable condition. */
    String singleVar() {
        return leftVar != null ? leftVar : rightVar;
    }

    boolean singleVariable() {
        return vars().size() == 1;
    }

    /** For a one-variable condition: the test over that variable's table rows. */
    RowTest rowTest() {
        boolean l = leftVar != null;
        boolean r = rightVar != null;
        Test t = test;
        if (l && r) {
            return row -> t.test(row, row);
        }
        if (l) {
            return row -> t.test(row, 0);
        }
        return row -> t.test(0, row);
    }

    @Override
    public String toString() {
        return text;
    }
}
