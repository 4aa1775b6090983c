package io.strata.optimizer.plan;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import io.strata.optimizer.exec.StatementContext;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;

import java.util.List;

/**
 * Plans and runs queries given as Druid ASTs. Implemented on Calcite: the AST is translated to a
 * Calcite SqlNode, validated against the catalog snapshot, optimized and executed; plans are
 * cached by normalized statement and catalog version.
 */
public interface QueryPlanner {
    /** Runs a SELECT (including UNION, subqueries, joins) and returns its rows. */
    QueryResult query(SQLSelect select, StatementContext ctx);

    /**
     * As {@link #query}, but every base table exposes one more column, {@value #ROW_ID_COLUMN}
     * (BIGINT, the row handle), so UPDATE and DELETE can select the rows they change.
     */
    QueryResult queryWithRowIds(SQLSelect select, StatementContext ctx);

    /** Result columns of a SELECT without running it (COM_STMT_PREPARE metadata). */
    List<ColumnMeta> describe(SQLSelect select, StatementContext ctx);

    /**
     * Compiles scalar expressions over an input row whose columns are named {@code inputNames}
     * with the given types, for INSERT values, UPDATE SET and ON DUPLICATE KEY UPDATE. Column
     * references resolve against the input names (qualified names compare on their last part);
     * subqueries are allowed.
     */
    ScalarProgram compileScalars(List<SQLExpr> expressions, List<String> inputNames,
                                 List<io.strata.optimizer.catalog.ColumnType> inputTypes, StatementContext ctx);

    /**
     * The physical plan of a SELECT as rows for EXPLAIN: columns {@code id, estRows, task,
     * access object, operator info} as TiDB shows them, one row per operator, children indented.
     */
    QueryResult explain(SQLSelect select, StatementContext ctx);

    String ROW_ID_COLUMN = "_strata_rowid";

    /** Compiled scalar expressions; evaluate as often as needed within the statement. */
    interface ScalarProgram {
        /** Values of the expressions for one input row (Java types as in {@code TypeKind}). */
        Object[] evaluate(Object[] input, StatementContext ctx);
    }

    /** Where the planner reads row-count estimates from from now on (plans cached so far are dropped). */
    default void useStatistics(io.strata.optimizer.catalog.TableStatistics statistics) {
    }

    /** Drops cached plans, e.g. after ANALYZE TABLE changed the estimates they were costed with. */
    default void invalidatePlans() {
    }
}
